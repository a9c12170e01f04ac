package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/google/go-cmp/cmp"
)

// dirEntries lists the names in dir.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")

	// Ensure a second write replaces the first completely.
	for _, content := range []string{"a much longer first version\n", "second\n"} {
		if err := WriteFileAtomic(path, []byte(content), 0o640); err != nil {
			t.Fatalf("WriteFileAtomic: %v", err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != content {
			t.Errorf("content = %q, want %q", got, content)
		}
	}

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o640 {
		t.Errorf("mode = %v, want %v", got, os.FileMode(0o640))
	}
	if diff := cmp.Diff([]string{"out.txt"}, dirEntries(t, dir)); diff != "" {
		t.Errorf("directory holds more than the file (-want +got):\n%s", diff)
	}
}

func TestWriteFileAtomic_failureLeavesNoTrace(t *testing.T) {
	dir := t.TempDir()
	// A directory in the way makes the final rename fail.
	path := filepath.Join(dir, "taken")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "keep"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}

	err := WriteFileAtomic(path, []byte("data"), 0o644)
	if err == nil || !strings.HasPrefix(err.Error(), "write "+path+": ") {
		t.Fatalf("WriteFileAtomic error = %v, want one starting %q", err, "write "+path+": ")
	}
	if diff := cmp.Diff([]string{"taken"}, dirEntries(t, dir)); diff != "" {
		t.Errorf("a temporary file was left behind (-want +got):\n%s", diff)
	}
}

func TestWriteFileAtomic_missingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-dir", "out.txt")
	if err := WriteFileAtomic(path, []byte("x"), 0o644); err == nil {
		t.Fatal("WriteFileAtomic into a missing directory succeeded")
	}
}

func TestWriteJSON(t *testing.T) {
	df := dataframe.New(
		series.New([]int{1024}, series.Int, "budget_tokens"),
		series.New([]string{"end_turn"}, series.String, "stop_reason"),
	)
	tests := []struct {
		name string
		v    any
		want string
	}{
		{
			name: "struct, indented with a final newline",
			v:    StrategyRow{Complexity: "medium", Standard: 2048, TimeSensitive: 2048, CostConstrained: 1024},
			want: "{\n  \"complexity\": \"medium\",\n  \"standard_budget_tokens\": 2048,\n  \"time_sensitive_budget_tokens\": 2048,\n  \"cost_constrained_budget_tokens\": 1024\n}\n",
		},
		{
			name: "data frame as row objects",
			v:    df,
			want: "[\n  {\n    \"budget_tokens\": 1024,\n    \"stop_reason\": \"end_turn\"\n  }\n]\n",
		},
		{
			name: "pointer to data frame",
			v:    &df,
			want: "[\n  {\n    \"budget_tokens\": 1024,\n    \"stop_reason\": \"end_turn\"\n  }\n]\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out.json")
			if err := WriteJSON(path, tt.v); err != nil {
				t.Fatalf("WriteJSON: %v", err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("JSON mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteJSON_errorsWriteNothing(t *testing.T) {
	tests := []struct {
		name string
		v    any
	}{
		{"value JSON cannot encode", map[string]any{"c": make(chan int)}},
		{"data frame carrying an error", dataframe.New()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := WriteJSON(filepath.Join(dir, "out.json"), tt.v); err == nil {
				t.Fatal("WriteJSON succeeded")
			}
			if got := dirEntries(t, dir); len(got) != 0 {
				t.Errorf("files left behind: %v", got)
			}
		})
	}
}
