package main

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/thinkbudget/thinkbudget/runner"
)

// progress reports finished calls on stderr: a live bar on a terminal,
// one line per call otherwise (logs, CI, notebooks).
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	title string
	bar   *progressbar.ProgressBar
}

func newProgress(w io.Writer, title string, total int) *progress {
	p := &progress{w: w, title: title}
	if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(title),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
	} else {
		fmt.Fprintf(w, "%s: %s\n", title, plural(total, "call"))
	}
	return p
}

// done is a runner.Runner Progress function.
func (p *progress) done(n, total int, o runner.Outcome) {
	p.mu.Lock()
	defer p.mu.Unlock()
	line := describeOutcome(o)
	if p.bar != nil {
		p.bar.Describe(p.title + ": " + o.Call.Label)
		p.bar.Add(1)
		if o.Err != nil {
			p.bar.Clear()
			fmt.Fprintln(p.w, line)
		}
		return
	}
	fmt.Fprintf(p.w, "  [%d/%d] %s\n", n, total, line)
}

func describeOutcome(o runner.Outcome) string {
	if o.Err != nil {
		return fmt.Sprintf("%s: error: %v", o.Call.Label, o.Err)
	}
	r := o.Result
	s := fmt.Sprintf("%s: %.1f s, %d tokens, $%.4f, %s", o.Call.Label,
		r.Elapsed().Seconds(), r.Usage.TotalTokens, r.Cost.TotalUSD, r.StopReason)
	if r.Attempts > 1 {
		s += fmt.Sprintf(", %d attempts", r.Attempts)
	}
	if o.Reused {
		s += " (reused)"
	}
	for _, a := range r.Adjustments {
		s += fmt.Sprintf("; note: %s changed from %v to %v (%s)", a.Field, a.From, a.To, a.Reason)
	}
	return s
}
