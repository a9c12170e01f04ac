package analysis

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/google/go-cmp/cmp"
)

func TestWriteCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sweep.csv")
	if err := WriteCSV(path, SweepFrame(sweepRecords()[1:2])); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "budget_tokens,elapsed_seconds,input_tokens,output_tokens,total_tokens,input_cost_usd,output_cost_usd,total_cost_usd,tokens_per_second,stop_reason,attempts,thinking,max_tokens,model_id,simulated,answer_correct\n" +
		"1024,10.500,200,1000,1200,0.000600,0.015000,0.015600,114.29,end_turn,1,budget=1024,2024,m,false,\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("file mismatch (-want +got):\n%s", diff)
	}
}

func TestWriteCSV_frameError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.csv")
	bad := dataframe.New(series.Ints([]int{1, 2}), series.Ints([]int{1}))
	err := WriteCSV(path, bad)
	if err == nil || !errors.Is(err, bad.Err) {
		t.Fatalf("WriteCSV error = %v, want it to wrap %v", err, bad.Err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a file was written for a broken frame: %v", err)
	}
}

func TestEncodeCSV_floatFormats(t *testing.T) {
	df := dataframe.New(
		series.New([]float64{0.1234567, math.NaN()}, series.Float, "total_cost_usd"),
		series.New([]float64{1.23456, 2}, series.Float, "wall_seconds"),
		series.New([]float64{12.345, 0}, series.Float, "tokens_per_second"),
		series.New([]float64{0.1, 1e-7}, series.Float, "ratio"),
		series.New([]string{"a,b", `say "hi"`}, series.String, "note"),
	)
	var buf bytes.Buffer
	if err := EncodeCSV(&buf, df); err != nil {
		t.Fatalf("EncodeCSV: %v", err)
	}
	want := "total_cost_usd,wall_seconds,tokens_per_second,ratio,note\n" +
		"0.123457,1.235,12.35,0.1,\"a,b\"\n" +
		"NaN,2.000,0.00,0.0000001,\"say \"\"hi\"\"\"\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("CSV mismatch (-want +got):\n%s", diff)
	}
}

func TestFloatDecimals(t *testing.T) {
	tests := []struct {
		column string
		want   int
	}{
		{"total_cost_usd", 6},
		{"classifier_cost_usd", 6},
		{"elapsed_seconds", 3},
		{"tokens_per_second", 2},
		{"budget_tokens", -1},
		{"ratio", -1},
	}
	for _, tt := range tests {
		if got := floatDecimals(tt.column); got != tt.want {
			t.Errorf("floatDecimals(%q) = %d, want %d", tt.column, got, tt.want)
		}
	}
}
