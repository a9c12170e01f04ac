// Package experiments runs the thinking-budget lesson's experiments on an
// open backend and lays out their results: the budget sweep, the
// allocation test (classify, allocate, answer), the strategy table, the
// case study around a recommended budget, and the whole lesson in order
// with its files and one HTML report.
//
// Functions here hold the logic that both the command and the notebooks
// use; they make model calls only through a runner.Runner and a
// claudeutils.Client, so every backend takes the same path.
package experiments
