package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// CacheMode says how a Cache is used.
type CacheMode int

const (
	// CacheOff neither reads nor writes recorded responses.
	CacheOff CacheMode = iota
	// CacheReadWrite answers from a recorded response when there is one
	// and records every new result.
	CacheReadWrite
	// CacheReplay answers only from recorded responses and never calls
	// the model; a call without one fails.
	CacheReplay
)

// cacheModeNames are the names ParseCacheMode reads, by mode.
var cacheModeNames = map[CacheMode]string{CacheOff: "off", CacheReadWrite: "rw", CacheReplay: "replay"}

// String returns "off", "rw" or "replay".
func (m CacheMode) String() string {
	if s, ok := cacheModeNames[m]; ok {
		return s
	}
	return fmt.Sprintf("CacheMode(%d)", int(m))
}

// ParseCacheMode reads "off", "rw" or "replay".
func ParseCacheMode(s string) (CacheMode, error) {
	for m, name := range cacheModeNames {
		if strings.TrimSpace(s) == name {
			return m, nil
		}
	}
	return CacheOff, fmt.Errorf("cache mode %q: want off, rw or replay", s)
}

// cacheVersion is written into every cache file; files of another
// version are not read.
const cacheVersion = 1

// CacheEntry is the content of one cache file: a call's result and what
// it answered. Like every Result written by this module, it never holds
// the thinking signature; no credential is ever part of it.
type CacheEntry struct {
	Version int    `json:"version"`
	Key     string `json:"key"`
	Label   string `json:"label"`
	// Source names the backend that answered; see Recorder.Source.
	Source  string              `json:"source"`
	Request RequestSummary      `json:"request"`
	Time    time.Time           `json:"time"`
	Result  *claudeutils.Result `json:"result"`
}

// ErrNotRecorded is wrapped by the error of a replayed call that has no
// recorded response.
var ErrNotRecorded = errors.New("no recorded response")

// MissError reports a call that a replay cannot answer: no response was
// recorded for its key, or only one from another backend.
type MissError struct {
	Label string
	Key   string
	Dir   string
	// OtherSource is the backend of the recorded response when it is not
	// the one asked for; empty when nothing was recorded.
	OtherSource string
	Source      string
}

func (e *MissError) Error() string {
	if e.OtherSource != "" {
		return fmt.Sprintf("the recorded response for %s (key %s) in %s came from %s, not %s; "+
			"replay it with the backend that recorded it",
			e.Label, ShortKey(e.Key), e.Dir, e.OtherSource, e.Source)
	}
	return fmt.Sprintf("%v for %s (key %s) in %s; record it first with --cache rw",
		ErrNotRecorded, e.Label, ShortKey(e.Key), e.Dir)
}

// Unwrap returns ErrNotRecorded.
func (e *MissError) Unwrap() error { return ErrNotRecorded }

// DefaultCacheDir returns thinkbudget/responses in the user cache folder
// (os.UserCacheDir).
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find user cache folder: %w", err)
	}
	return filepath.Join(dir, "thinkbudget", "responses"), nil
}

// Cache keeps recorded responses on disk, one JSON file per key named
// KEY.json, each written atomically. Files are readable by their owner
// only: answers can be as private as the prompts behind them.
type Cache struct {
	dir  string
	mode CacheMode
}

// OpenCache opens the cache in dir for mode. CacheReadWrite creates dir
// and checks that it is writable; CacheReplay needs dir to exist.
// CacheOff returns nil, which every method accepts as "no cache".
func OpenCache(dir string, mode CacheMode) (*Cache, error) {
	switch mode {
	case CacheOff:
		return nil, nil
	case CacheReadWrite:
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("open cache: %w", err)
		}
		probe, err := os.CreateTemp(dir, ".write-test-*")
		if err != nil {
			return nil, fmt.Errorf("open cache: folder %s is not writable: %w", dir, err)
		}
		probe.Close()
		os.Remove(probe.Name())
	case CacheReplay:
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("open cache for replay: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("open cache for replay: %s is not a folder", dir)
		}
	default:
		return nil, fmt.Errorf("open cache: unknown mode %v", mode)
	}
	return &Cache{dir: dir, mode: mode}, nil
}

// Dir returns the cache's folder.
func (c *Cache) Dir() string { return c.dir }

// Mode returns the cache's mode; CacheOff for a nil Cache.
func (c *Cache) Mode() CacheMode {
	if c == nil {
		return CacheOff
	}
	return c.mode
}

// Path returns the file that holds key's response.
func (c *Cache) Path(key string) string { return filepath.Join(c.dir, key+".json") }

// Get reads key's entry. A key with no file gives ok false and no error;
// a file that cannot be read or decoded, or of another version, is an
// error.
func (c *Cache) Get(key string) (e CacheEntry, ok bool, err error) {
	if c == nil {
		return e, false, nil
	}
	if !validKey(key) {
		return e, false, fmt.Errorf("read cache: key %q is not a hex SHA-256", key)
	}
	b, err := os.ReadFile(c.Path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("read cache: %w", err)
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return e, false, fmt.Errorf("read cache %s: %w", c.Path(key), err)
	}
	if e.Version != cacheVersion || e.Key != key || e.Result == nil {
		return e, false, fmt.Errorf("read cache %s: not a version %d entry for its key", c.Path(key), cacheVersion)
	}
	return e, true, nil
}

// Put writes e as key e.Key's file, replacing any earlier one
// atomically. Only a CacheReadWrite cache writes.
func (c *Cache) Put(e CacheEntry) error {
	if c.Mode() != CacheReadWrite {
		return nil
	}
	if !validKey(e.Key) || e.Result == nil {
		return fmt.Errorf("write cache: entry needs a hex SHA-256 key and a result")
	}
	e.Version = cacheVersion
	if e.Time.IsZero() {
		e.Time = time.Now().UTC()
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return fmt.Errorf("write cache: %w", err)
	}
	return writeFileAtomic(c.Path(e.Key), append(b, '\n'), 0o600)
}

// validKey reports whether key is 64 lower-case hex digits, so that it
// can name a file in the cache folder and nothing else.
func validKey(key string) bool {
	if len(key) != 64 {
		return false
	}
	for _, r := range key {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}

// writeFileAtomic writes data to path through a synced temporary file in
// the same folder that is renamed over path, so that readers see the old
// file or the new one, never a part. (analysis.WriteFileAtomic does the
// same; analysis imports this package, so it cannot be used here.)
func writeFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := syncDir(filepath.Clean(dir)); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
