package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/backend"
	"github.com/thinkbudget/thinkbudget/runner"
)

// recordFlags are the flags of the commands that keep a journal of their
// calls and may reuse recorded responses.
type recordFlags struct {
	resume   bool
	cache    string
	cacheDir string

	mode runner.CacheMode
}

func (f *recordFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.BoolVar(&f.resume, "resume", false,
		"reuse the results of calls that finished in the last run into --out (from its "+runner.JournalFile+")")
	fs.StringVar(&f.cache, "cache", "off",
		"recorded responses: off; rw (answer from them, record new ones); replay (answer only from them, never call)")
	fs.StringVar(&f.cacheDir, "cache-dir", "",
		"folder of recorded responses (default: thinkbudget/responses in the user cache folder)")
}

// check validates the flags as usage errors and resolves the cache
// folder. It writes nothing.
func (f *recordFlags) check(cmd *cobra.Command) error {
	mode, err := runner.ParseCacheMode(f.cache)
	if err != nil {
		return usagef("--cache: %v", err)
	}
	f.mode = mode
	if mode == runner.CacheOff {
		if cmd.Flags().Changed("cache-dir") {
			return usagef("--cache-dir needs --cache rw or --cache replay")
		}
		return nil
	}
	if f.cacheDir == "" {
		dir, err := runner.DefaultCacheDir()
		if err != nil {
			return usagef("--cache %s: %v; give --cache-dir", f.cache, err)
		}
		f.cacheDir = dir
	}
	return nil
}

// openCache opens the response cache; a folder that cannot be used is a
// usage error, found before any call or output file.
func (f *recordFlags) openCache() (*runner.Cache, error) {
	c, err := runner.OpenCache(f.cacheDir, f.mode)
	if err != nil {
		return nil, usagef("--cache-dir: %v", err)
	}
	return c, nil
}

// openRecorder opens the journal in outDir, for resuming when asked,
// and returns a recorder over it and cache for the backend of s. It
// says on stderr what a resume found, and, when classifies says the
// command classifies prompts, that a replay does not cover those calls
// (they bypass the runner). Call the returned function when the run is
// over: it closes the journal and reports what was reused.
func (f *recordFlags) openRecorder(stderr io.Writer, outDir string, cache *runner.Cache, s *backend.Session,
	classifies bool) (*runner.Recorder, func() error, error) {
	path := filepath.Join(outDir, runner.JournalFile)
	j, err := runner.OpenJournal(path, f.resume)
	if err != nil {
		return nil, nil, usageErr(err)
	}
	switch {
	case f.resume && !j.Found():
		fmt.Fprintf(stderr, "note: no journal at %s to resume; starting a fresh one\n", path)
	case f.resume:
		fmt.Fprintf(stderr, "resuming: %d finished calls in %s\n", len(j.Loaded()), path)
		if j.DroppedTornLine() {
			fmt.Fprintln(stderr, "note: dropped the journal's torn last line, a call cut off by a crash")
		}
	}
	if cache != nil {
		fmt.Fprintf(stderr, "response cache: %s (%s)\n", cache.Dir(), cache.Mode())
		if cache.Mode() == runner.CacheReplay && classifies && s.Emulator == nil {
			fmt.Fprintln(stderr, "note: --cache replay covers the answering calls; "+
				"the small model's classification calls still go to the backend")
		}
	}

	rec := &runner.Recorder{Journal: j, Cache: cache, Source: sourceOf(s)}
	done := func() error {
		st := rec.Stats()
		if st.FromJournal+st.FromCache > 0 {
			fmt.Fprintf(stderr, "reused %s from the journal and %d from the cache; %s made\n",
				plural(st.FromJournal, "result"), st.FromCache, plural(st.Called, "call"))
		}
		if st.OtherSource > 0 {
			fmt.Fprintf(stderr, "note: %d recorded results came from another backend than %s and were not reused\n",
				st.OtherSource, rec.Source)
		}
		if st.NotCached > 0 {
			fmt.Fprintf(stderr, "note: %d results were not cached: "+
				"%s holds another backend's responses to the same requests\n", st.NotCached, cache.Dir())
		}
		return j.Close()
	}
	return rec, done, nil
}

// sourceOf names the backend that answers, as recorded with every result:
// results are reused only by runs on the same source.
func sourceOf(s *backend.Session) string {
	switch {
	case s.Emulator != nil:
		return fmt.Sprintf("emulator seed=%d", s.Config.Seed)
	case s.Config.Endpoint != "":
		return "endpoint " + s.Config.Endpoint
	}
	return backend.Bedrock
}

// partExperiments maps the lesson's part titles to the experiment names
// written in the journal.
var partExperiments = map[string]string{
	"budget sweep":    analysis.ExperimentSweep,
	"allocation test": analysis.ExperimentAllocation,
	"case study":      analysis.ExperimentCaseStudy,
}

// experimentOf returns the journal's experiment name for a lesson part.
func experimentOf(part string) string {
	if e, ok := partExperiments[part]; ok {
		return e
	}
	return part
}

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
