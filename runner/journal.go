package runner

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// JournalFile is the journal's file name in an output folder.
const JournalFile = "journal.jsonl"

// PrevSuffix is appended to a journal's path to name the earlier journal
// that a fresh one moves aside.
const PrevSuffix = ".prev"

// JournalEntry is one line of a journal: one finished call and its result.
type JournalEntry struct {
	Key string `json:"key"`
	// Experiment names the part of a run the call belongs to, e.g.
	// "sweep" or "case_study".
	Experiment string         `json:"experiment"`
	Label      string         `json:"label"`
	Request    RequestSummary `json:"request"`
	// Source names the backend that answered, e.g. "emulator seed=1" or
	// "bedrock"; see Recorder.Source.
	Source   string    `json:"source,omitempty"`
	Attempts int       `json:"attempts"`
	Time     time.Time `json:"time"`
	// ReusedFrom is "cache" when the result was read from a response
	// cache instead of being called for; empty for calls.
	ReusedFrom string              `json:"reused_from,omitempty"`
	Result     *claudeutils.Result `json:"result"`
}

// Journal is an append-only record of finished calls, one JSON line per
// call, each synced to disk before Append returns. After a crash it
// holds every call that finished, at most with a torn last line, which
// OpenJournal drops on resume. It is safe for concurrent use; two
// processes must not write one journal at once.
type Journal struct {
	path  string
	found bool
	torn  bool

	mu     sync.Mutex
	f      *os.File
	loaded []JournalEntry
	byKey  map[string]int
}

// OpenJournal opens the journal at path for appending.
//
// With resume, an existing journal is read and kept: its entries are
// offered by Lookup and new entries go after them. A last line without
// its newline, left by a process killed while writing, is dropped and cut
// from the file; any other line that does not decode is an error. When
// no journal exists, a new one is started.
//
// Without resume, a fresh journal is started. An existing one is first
// renamed to path + PrevSuffix, replacing any earlier one there, so that
// the last run's journal survives one more run.
func OpenJournal(path string, resume bool) (*Journal, error) {
	j := &Journal{path: path, byKey: make(map[string]int)}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("open journal: %w", err)
	default:
		j.found = true
	}

	if j.found && !resume {
		if err := os.Rename(path, path+PrevSuffix); err != nil {
			return nil, fmt.Errorf("open journal: move old journal aside: %w", err)
		}
	}
	keep := int64(0)
	if j.found && resume {
		n, err := j.load(data)
		if err != nil {
			return nil, err
		}
		keep = n
	}

	flags := os.O_WRONLY | os.O_CREATE
	if !resume {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	if j.torn {
		if err := f.Truncate(keep); err != nil {
			f.Close()
			return nil, fmt.Errorf("open journal: cut torn last line: %w", err)
		}
	}
	if _, err := f.Seek(keep, 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("open journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, fmt.Errorf("open journal: sync: %w", err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		f.Close()
		return nil, fmt.Errorf("open journal: %w", err)
	}
	j.f = f
	return j, nil
}

// load decodes the complete lines of data and returns the length of the
// part that holds them.
func (j *Journal) load(data []byte) (int64, error) {
	end := bytes.LastIndexByte(data, '\n') + 1
	j.torn = end < len(data)
	line := 0
	for rest := data[:end]; len(rest) > 0; {
		i := bytes.IndexByte(rest, '\n')
		b := rest[:i]
		rest = rest[i+1:]
		line++
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		var e JournalEntry
		if err := json.Unmarshal(b, &e); err != nil {
			return 0, fmt.Errorf("read journal %s line %d: %w (move the file aside or run without resuming)",
				j.path, line, err)
		}
		if e.Key == "" || e.Result == nil {
			return 0, fmt.Errorf("read journal %s line %d: entry without key or result", j.path, line)
		}
		j.byKey[e.Key] = len(j.loaded)
		j.loaded = append(j.loaded, e)
	}
	return int64(end), nil
}

// Path returns the journal's file path.
func (j *Journal) Path() string { return j.path }

// Found reports whether a journal existed at the path when it was opened.
func (j *Journal) Found() bool { return j.found }

// DroppedTornLine reports whether resuming dropped a torn last line.
func (j *Journal) DroppedTornLine() bool { return j.torn }

// Loaded returns the entries read when the journal was opened to resume,
// in file order; nil for a fresh journal.
func (j *Journal) Loaded() []JournalEntry {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]JournalEntry(nil), j.loaded...)
}

// Lookup returns the entry of the last loaded line with key. Only entries
// read on opening are found, not those appended since: a journal stands
// for the earlier run that a resumed run continues. The entry's Result is
// a copy that the caller may change.
func (j *Journal) Lookup(key string) (JournalEntry, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	i, ok := j.byKey[key]
	if !ok {
		return JournalEntry{}, false
	}
	e := j.loaded[i]
	res := *e.Result
	e.Result = &res
	return e, true
}

// Append writes e as one line and syncs the file before returning. A zero
// e.Time is set to the current time.
func (j *Journal) Append(e JournalEntry) error {
	if e.Time.IsZero() {
		e.Time = time.Now().UTC()
	}
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("append to journal: %w", err)
	}
	b = append(b, '\n')

	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return fmt.Errorf("append to journal %s: %w", j.path, fs.ErrClosed)
	}
	// One write per line: a crash leaves at most this line torn.
	if _, err := j.f.Write(b); err != nil {
		return fmt.Errorf("append to journal %s: %w", j.path, err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("append to journal %s: sync: %w", j.path, err)
	}
	return nil
}

// Close closes the file. Later Appends fail; Lookup still works.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	if err != nil {
		return fmt.Errorf("close journal: %w", err)
	}
	return nil
}

// syncDir makes the entries of dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}
