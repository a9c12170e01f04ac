package runner

import (
	"sync"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// Recorder keeps the results of a Runner's calls in a Journal and a
// Cache, and answers calls from them: first from the journal of the run
// being resumed, then from the cache. Results recorded from another
// backend are never reused, so simulated numbers cannot pass for real
// ones. Set the fields, then Attach it to a Runner; either store may be
// nil.
type Recorder struct {
	Journal *Journal
	Cache   *Cache
	// Source names the backend that answers, e.g. "emulator seed=1",
	// "bedrock" or "endpoint http://127.0.0.1:8787". It is written with
	// every result and must match for a result to be reused.
	Source string

	mu         sync.Mutex
	experiment string
	stats      RecorderStats
	// foreign holds the keys whose cache files belong to another source;
	// they are not overwritten.
	foreign map[string]bool
}

// RecorderStats counts what became of the calls a Recorder saw.
type RecorderStats struct {
	// FromJournal and FromCache count results reused from each store.
	FromJournal int
	FromCache   int
	// Called counts results that came from calls and were written.
	Called int
	// OtherSource counts recorded results passed over because another
	// backend answered them.
	OtherSource int
	// NotCached counts results that a read-write cache did not store
	// because its file for the key belongs to another backend.
	NotCached int
}

// SetExperiment names the experiment that the next calls belong to, as
// written in the journal.
func (r *Recorder) SetExperiment(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.experiment = name
}

// Stats returns the counts so far.
func (r *Recorder) Stats() RecorderStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stats
}

// Attach sets run's Lookup and Finished to the recorder's.
func (r *Recorder) Attach(run *Runner) {
	run.Lookup = r.Lookup
	run.Finished = r.Finished
}

// Lookup is a Runner.Lookup: it returns the journal's result for c when
// resuming, else the cache's. A result found only in the cache is added
// to the journal, so that the journal lists every call of the run. In
// CacheReplay mode a call with no result is a *MissError.
func (r *Recorder) Lookup(c Call) (*claudeutils.Result, bool, error) {
	kf := KeyFieldsOf(c)
	key := kf.Key()
	if r.Journal != nil {
		if e, ok := r.Journal.Lookup(key); ok {
			if e.Source == r.Source {
				r.count(func(s *RecorderStats) { s.FromJournal++ })
				return reuse(c, e.Result), true, nil
			}
			r.count(func(s *RecorderStats) { s.OtherSource++ })
		}
	}

	mode := r.Cache.Mode()
	if mode == CacheOff {
		return nil, false, nil
	}
	e, ok, err := r.Cache.Get(key)
	if err != nil {
		return nil, false, err
	}
	if ok && e.Source != r.Source {
		r.mu.Lock()
		r.stats.OtherSource++
		if r.foreign == nil {
			r.foreign = make(map[string]bool)
		}
		r.foreign[key] = true
		r.mu.Unlock()
		if mode == CacheReplay {
			return nil, false, &MissError{Label: c.Label, Key: key, Dir: r.Cache.Dir(),
				OtherSource: e.Source, Source: r.Source}
		}
		return nil, false, nil
	}
	if !ok {
		if mode == CacheReplay {
			return nil, false, &MissError{Label: c.Label, Key: key, Dir: r.Cache.Dir()}
		}
		return nil, false, nil
	}

	res := reuse(c, e.Result)
	if r.Journal != nil {
		err := r.Journal.Append(JournalEntry{
			Key: key, Experiment: r.currentExperiment(), Label: c.Label, Request: kf.Summary(),
			Source: r.Source, Attempts: res.Attempts, ReusedFrom: "cache", Result: res,
		})
		if err != nil {
			return nil, false, err
		}
	}
	r.count(func(s *RecorderStats) { s.FromCache++ })
	return res, true, nil
}

// Finished is a Runner.Finished: it appends the outcome's result to the
// journal and, in CacheReadWrite mode, stores it in the cache.
func (r *Recorder) Finished(o Outcome) error {
	if o.Result == nil {
		return nil
	}
	kf := KeyFieldsOf(o.Call)
	key := kf.Key()
	if r.Journal != nil {
		err := r.Journal.Append(JournalEntry{
			Key: key, Experiment: r.currentExperiment(), Label: o.Call.Label, Request: kf.Summary(),
			Source: r.Source, Attempts: o.Result.Attempts, Result: o.Result,
		})
		if err != nil {
			return err
		}
	}
	if r.Cache.Mode() == CacheReadWrite {
		r.mu.Lock()
		foreign := r.foreign[key]
		r.mu.Unlock()
		if foreign {
			r.count(func(s *RecorderStats) { s.NotCached++ })
		} else if err := r.Cache.Put(CacheEntry{
			Key: key, Label: o.Call.Label, Source: r.Source, Request: kf.Summary(), Result: o.Result,
		}); err != nil {
			return err
		}
	}
	r.count(func(s *RecorderStats) { s.Called++ })
	return nil
}

func (r *Recorder) currentExperiment() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.experiment
}

func (r *Recorder) count(f func(*RecorderStats)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f(&r.stats)
}

// reuse returns a copy of a recorded result for call c. Requests that
// differ only in what validation changes share a key, so the copy takes
// the adjustments that c's own request gets.
func reuse(c Call, recorded *claudeutils.Result) *claudeutils.Result {
	res := *recorded
	if p, err := claudeutils.Validate(claudeutils.DefaultRegistry(), c.Request); err == nil {
		res.Adjustments = p.Adjustments
	}
	return &res
}
