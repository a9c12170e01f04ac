// Package allocator decides how much extended thinking Claude gets for a
// task, from how complex the task is and what the caller cares about.
//
// The flow has three parts. A Classifier asks a small, cheap model to
// label a prompt simple, medium, complex or very_complex, and records that
// call's own tokens, cost and latency so that totals can include them.
// Allocate turns the label and the caller's Options into a Decision: a
// thinking budget in tokens, expressed in the form the answering model
// accepts. A History keeps each run in a SQLite file and summarises the
// runs by complexity.
//
// # Budget rules
//
// Allocate applies three steps, always in this order:
//
//  1. Base budget: simple 0 (no extended thinking), medium 2,048,
//     complex 4,096, very_complex 8,192 tokens.
//  2. Time-sensitive: add simple 0, medium 0, complex -2,048,
//     very_complex -4,096 tokens.
//  3. Cost-constrained: halve the budget, but not below 1,024 tokens
//     (claudeutils.MinBudgetTokens). A budget already under 1,024 is left
//     alone, since raising it to the floor would turn thinking on to save
//     money.
//
// Thinking is used only when the final budget is at least 1,024 tokens;
// anything less becomes 0, thinking off. StrategyTable lists the results:
//
//	complexity     standard  time-sensitive  cost-constrained  both
//	simple                0               0                 0     0
//	medium            2,048           2,048             1,024 1,024
//	complex           4,096           2,048             2,048 1,024
//	very_complex      8,192           4,096             4,096 2,048
//
// # Medium tasks keep their budget when time-sensitive
//
// The notebook this project grew from is of two minds here: a comment
// says medium tasks get no extended thinking when time matters, while its
// table of adjustments, and the code that produced its results, add 0 and
// keep 2,048. This package follows the table. The numbers in the
// allocation test and the strategy chart come from that table, so the
// results stay comparable; and time-sensitive cuts aim at the budgets that
// cost the most time, while 2,048 tokens is a ceiling that a medium task
// seldom fills. An application that wants no thinking at all on medium
// tasks under time pressure can switch it off after Allocate.
//
// # Models that take an effort level
//
// Newer Claude models think adaptively: they take an effort level rather
// than a token budget, and the newest take nothing else. Allocate still
// computes the budget by the rules above, then maps it to an effort level
// (EffortFor) when the model needs one, or when it takes both and
// Options.PreferEffort is set:
//
//	final budget (tokens)   effort
//	0 (no thinking)         off; low on adaptive-only models
//	1,024 to 2,047          low
//	2,048 to 4,095          medium
//	4,096 to 8,191          high
//	8,192 and more          xhigh
//
// Adaptive-only models refuse a request to disable thinking, and some turn
// adaptive thinking on when the request leaves it out, so "no thinking" is
// sent to them as the lowest effort, at which the model may skip thinking
// on an easy prompt. Effort max is never chosen by the rules. Models
// without extended thinking always get thinking off. Table returns the
// mapping as Markdown.
//
// # History
//
// History stores runs in SQLite (modernc.org/sqlite, no cgo) in WAL mode,
// by default under the user's cache directory (see DefaultPath).
// Summaries gives, per complexity, the number of runs, the mean and 90th
// percentile seconds, the mean cost and the share of answers cut off at
// max tokens. The percentile is nearest-rank: the value at rank
// ceil(0.9 n) of the n sorted times, so it is always a measured value.
package allocator
