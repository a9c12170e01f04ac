// Package nbdisplay shows values in a GoNB notebook: gota data frames as
// HTML tables, PNG images, Markdown and HTML.
//
// It is a thin layer over [github.com/janpfeifer/gonb/gonbui]. Every display
// function does nothing when the program does not run inside a GoNB kernel,
// so code that calls them also runs as a plain program or test. [TableHTML]
// is the pure function behind [Table], for tests and for pages built outside
// a notebook.
//
// [CheckSetup] lets a notebook's first cell prove, from Go, that this
// repository's module was taken from the local checkout; notebooks/README.md
// has the setup cell that uses it.
package nbdisplay
