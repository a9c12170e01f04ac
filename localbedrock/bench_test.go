package localbedrock_test

import (
	"context"
	"testing"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// BenchmarkConverse measures one Converse round trip through the real SDK
// over loopback HTTP: signing, serialising, simulating, decoding.
func BenchmarkConverse(b *testing.B) {
	for _, bc := range []struct {
		name string
		c    call
	}{
		{"simple", call{model: sonnet45, prompt: lesson.AllocationPrompts[0].Prompt}},
		{"budget4096", call{model: sonnet45, prompt: lesson.ProductionPlanning, maxTokens: 5596, fields: budget(4096)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			client := runtimeClient(start(b, localbedrock.Options{}).URL())
			in := bc.c.input()
			for b.Loop() {
				if _, err := client.Converse(context.Background(), in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkConverseStream measures one streamed call of a complex prompt
// with a 4,096-token budget, reading every event.
func BenchmarkConverseStream(b *testing.B) {
	client := runtimeClient(start(b, localbedrock.Options{}).URL())
	in := call{model: sonnet45, prompt: lesson.ProductionPlanning, maxTokens: 5596, fields: budget(4096)}.streamInput()
	for b.Loop() {
		out, err := client.ConverseStream(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		for range out.GetStream().Events() {
		}
		if err := out.GetStream().Err(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimulate measures the simulation alone.
func BenchmarkSimulate(b *testing.B) {
	s := localbedrock.New(localbedrock.Options{})
	m, _ := claudeutils.DefaultRegistry().Lookup(sonnet45)
	req := localbedrock.SimRequest{Prompt: lesson.ProductionPlanning, MaxTokens: 5596, Thinking: claudeutils.Budget(4096)}
	for b.Loop() {
		s.Simulate(m, req)
	}
}
