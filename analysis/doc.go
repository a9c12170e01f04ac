// Package analysis is the data side of the thinking-budget experiments: it
// turns finished calls into tables, files, charts and a report, and never
// calls a model itself.
//
// A [Record] flattens one
// [github.com/thinkbudget/thinkbudget/claudeutils.Result] with the
// experiment it belongs to. The frame builders ([SweepFrame],
// [CaseStudyFrame], [AllocationFrame]) lay records out as gota data frames
// with fixed column orders, so that the CSV files written by [WriteCSV]
// keep stable headers. Column names carry their units (elapsed_seconds,
// total_cost_usd), and the CSV writer formats each float column by that
// unit.
//
// [MostEfficient], [Fastest] and [Cheapest] pick one record by a single
// measure. "Efficient" means total tokens per second, the measure the
// lesson uses; it rewards long answers, not good ones, so treat it as a
// speed figure rather than a verdict on quality.
//
// The chart functions ([TradeoffChart], [CaseStudyChart], [StrategyChart])
// return PNG bytes of a fixed pixel size at [ChartDPI]; [BudgetPlot] and
// [StrategyPlot] return the single *plot.Plot behind them for callers that
// lay out their own figures. Budgets sit on a categorical axis ordered
// from no thinking through rising budgets to rising effort levels, so the
// doubling budgets of a sweep are evenly spaced, as on a log2 axis.
//
// [CompareMarkdown] sets two answers to the same prompt side by side, so
// a reader can judge what a larger budget bought. [Report] collects
// tables, charts and Markdown into one self-contained HTML page, and
// [WriteFileAtomic] underlies every file this package writes: a reader
// never sees a half-written file.
package analysis
