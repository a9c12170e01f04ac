// Package notebooks holds the project's Go notebooks (*.ipynb, run by the
// GoNB Jupyter kernel) and the tests that keep them working.
//
// The package has no code of its own. Its tests check the committed
// notebooks (no outputs, a Japanese twin with the same code cells, the shared
// setup cell with the versions of go.mod) and, unless -short is given, run
// every notebook headless with jupyter nbconvert and inspect the results.
// README.md in this folder says how to install the toolchain and how to
// write a notebook.
package notebooks
