package runner_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/runner"
)

func TestParseCacheMode(t *testing.T) {
	tests := []struct {
		in      string
		want    runner.CacheMode
		wantErr string
	}{
		{"off", runner.CacheOff, ""},
		{"rw", runner.CacheReadWrite, ""},
		{" replay ", runner.CacheReplay, ""},
		{"read-write", runner.CacheOff, `cache mode "read-write": want off, rw or replay`},
		{"", runner.CacheOff, `cache mode "": want off, rw or replay`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := runner.ParseCacheMode(tt.in)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tt.want || gotErr != tt.wantErr {
				t.Errorf("ParseCacheMode(%q) = %v, %q; want %v, %q", tt.in, got, gotErr, tt.want, tt.wantErr)
			}
			if err == nil && got.String() != strings.TrimSpace(tt.in) {
				t.Errorf("String() = %q, want %q", got.String(), strings.TrimSpace(tt.in))
			}
		})
	}
}

// Ensure an entry survives a round trip, owner-only and without the
// signature.
func TestCache_putGet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "responses")
	c, err := runner.OpenCache(dir, runner.CacheReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	key := runner.Key(budgetCall(4096, 8192))
	e := entry(key, "budget=4096")
	put := runner.CacheEntry{Key: key, Label: e.Label, Source: e.Source, Time: e.Time, Result: e.Result,
		Request: runner.KeyFieldsOf(budgetCall(4096, 8192)).Summary()}
	if err := c.Put(put); err != nil {
		t.Fatal(err)
	}

	st, err := os.Stat(c.Path(key))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("cache file mode %v, want 0600", st.Mode().Perm())
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("cache folder mode %v, want 0700", st.Mode().Perm())
	}
	if b, _ := os.ReadFile(c.Path(key)); strings.Contains(string(b), "SIGNATURE") {
		t.Errorf("cache file holds the thinking signature:\n%s", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("cache folder holds %d files, want 1 (no temporary file left)", len(entries))
	}

	got, ok, err := c.Get(key)
	if err != nil || !ok {
		t.Fatalf("Get = %v, %v", ok, err)
	}
	want := put
	want.Version = 1
	res := *put.Result
	res.ThinkingSignature = ""
	res.Thinking = claudeutils.Budget(4096)
	want.Result = &res
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
}

func TestCache_errors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	key := strings.Repeat("ab", 32)

	tests := []struct {
		name string
		do   func() error
		want string
	}{
		{"replay of a missing folder", func() error {
			_, err := runner.OpenCache(filepath.Join(dir, "nothing"), runner.CacheReplay)
			return err
		}, "open cache for replay: stat " + filepath.Join(dir, "nothing") + ": no such file or directory"},
		{"replay of a file", func() error {
			_, err := runner.OpenCache(file, runner.CacheReplay)
			return err
		}, "open cache for replay: " + file + " is not a folder"},
		{"folder under a file", func() error {
			_, err := runner.OpenCache(filepath.Join(file, "sub"), runner.CacheReadWrite)
			return err
		}, "open cache: mkdir " + file + ": not a directory"},
		{"key with a path in it", func() error {
			c, _ := runner.OpenCache(dir, runner.CacheReplay)
			_, _, err := c.Get("../../etc/passwd")
			return err
		}, `read cache: key "../../etc/passwd" is not a hex SHA-256`},
		{"damaged file", func() error {
			os.WriteFile(filepath.Join(dir, key+".json"), []byte("{"), 0o600)
			c, _ := runner.OpenCache(dir, runner.CacheReplay)
			_, _, err := c.Get(key)
			return err
		}, "read cache " + filepath.Join(dir, key+".json") + ": unexpected end of JSON input"},
		{"other version", func() error {
			os.WriteFile(filepath.Join(dir, key+".json"), []byte(`{"version":9,"key":"`+key+`","result":{}}`), 0o600)
			c, _ := runner.OpenCache(dir, runner.CacheReplay)
			_, _, err := c.Get(key)
			return err
		}, "read cache " + filepath.Join(dir, key+".json") + ": not a version 1 entry for its key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %s", err, tt.want)
			}
		})
	}
}

// Ensure the off mode and a nil cache do nothing.
func TestCache_off(t *testing.T) {
	c, err := runner.OpenCache(t.TempDir(), runner.CacheOff)
	if c != nil || err != nil {
		t.Fatalf("OpenCache(off) = %v, %v; want nil, nil", c, err)
	}
	if _, ok, err := c.Get(strings.Repeat("0", 64)); ok || err != nil {
		t.Errorf("nil Get = %v, %v", ok, err)
	}
	if err := c.Put(runner.CacheEntry{}); err != nil {
		t.Errorf("nil Put = %v", err)
	}
}
