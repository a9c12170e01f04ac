package claudeutils

import (
	"math"
	"testing"
)

func TestCostOf(t *testing.T) {
	sonnet, _ := DefaultRegistry().Lookup(DefaultModelID)
	haiku, _ := DefaultRegistry().Lookup(DefaultSmallModelID)
	opus, _ := DefaultRegistry().Lookup("global.anthropic.claude-opus-4-5-20251101-v1:0")
	tests := []struct {
		name  string
		p     Prices
		u     Usage
		total float64
	}{
		{"sonnet 4.5", sonnet.Prices, Usage{InputTokens: 1000, OutputTokens: 2000}, 0.003 + 0.030},
		{"haiku 4.5", haiku.Prices, Usage{InputTokens: 1000, OutputTokens: 2000}, 0.001 + 0.010},
		{"opus 4.5", opus.Prices, Usage{InputTokens: 1_000_000, OutputTokens: 100_000}, 5 + 2.5},
		{"sonnet with cache", sonnet.Prices,
			Usage{InputTokens: 100, OutputTokens: 10, CacheReadInputTokens: 10_000, CacheWriteInputTokens: 2_000},
			0.0003 + 0.00015 + 0.003 + 0.0075},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CostOf(tt.u, tt.p)
			if math.Abs(c.TotalUSD-tt.total) > 1e-12 {
				t.Errorf("TotalUSD = %.10f, want %.10f", c.TotalUSD, tt.total)
			}
			parts := c.InputUSD + c.OutputUSD + c.CacheReadUSD + c.CacheWriteUSD
			if math.Abs(parts-c.TotalUSD) > 1e-12 {
				t.Errorf("parts sum to %.10f, total is %.10f", parts, c.TotalUSD)
			}
		})
	}
}

func TestSplitModelID(t *testing.T) {
	tests := []struct{ in, prefix, base string }{
		{"anthropic.claude-sonnet-4-5-20250929-v1:0", "", "anthropic.claude-sonnet-4-5-20250929-v1:0"},
		{"us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.", "anthropic.claude-sonnet-4-5-20250929-v1:0"},
		{"global.anthropic.claude-opus-4-7", "global.", "anthropic.claude-opus-4-7"},
		{"apac.anthropic.claude-haiku-4-5-20251001-v1:0", "apac.", "anthropic.claude-haiku-4-5-20251001-v1:0"},
		{"arn:aws:bedrock:us-west-2:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6",
			"eu.", "anthropic.claude-sonnet-4-6"},
		{"arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-opus-5", "", "anthropic.claude-opus-5"},
	}
	for _, tt := range tests {
		p, b := SplitModelID(tt.in)
		if p != tt.prefix || b != tt.base {
			t.Errorf("SplitModelID(%q) = %q, %q; want %q, %q", tt.in, p, b, tt.prefix, tt.base)
		}
	}
}
