package claudeutils

// Usage counts the tokens of one call as Bedrock reports them. Output
// tokens include the thinking tokens, which are billed as output even when
// the visible thinking text is a summary.
type Usage struct {
	InputTokens           int `json:"input_tokens"`
	OutputTokens          int `json:"output_tokens"`
	TotalTokens           int `json:"total_tokens"`
	CacheReadInputTokens  int `json:"cache_read_input_tokens,omitempty"`
	CacheWriteInputTokens int `json:"cache_write_input_tokens,omitempty"`
}

// Add returns the sum of two usages.
func (u Usage) Add(v Usage) Usage {
	return Usage{
		InputTokens:           u.InputTokens + v.InputTokens,
		OutputTokens:          u.OutputTokens + v.OutputTokens,
		TotalTokens:           u.TotalTokens + v.TotalTokens,
		CacheReadInputTokens:  u.CacheReadInputTokens + v.CacheReadInputTokens,
		CacheWriteInputTokens: u.CacheWriteInputTokens + v.CacheWriteInputTokens,
	}
}

// Cost is the price of a call in USD, split by kind of token.
type Cost struct {
	InputUSD      float64 `json:"input_usd"`
	OutputUSD     float64 `json:"output_usd"`
	CacheReadUSD  float64 `json:"cache_read_usd,omitempty"`
	CacheWriteUSD float64 `json:"cache_write_usd,omitempty"`
	TotalUSD      float64 `json:"total_usd"`
}

// Add returns the sum of two costs.
func (c Cost) Add(d Cost) Cost {
	return Cost{
		InputUSD:      c.InputUSD + d.InputUSD,
		OutputUSD:     c.OutputUSD + d.OutputUSD,
		CacheReadUSD:  c.CacheReadUSD + d.CacheReadUSD,
		CacheWriteUSD: c.CacheWriteUSD + d.CacheWriteUSD,
		TotalUSD:      c.TotalUSD + d.TotalUSD,
	}
}

// CostOf prices a usage at p. Cache reads and writes are priced at their
// own rates; Bedrock reports them apart from InputTokens.
func CostOf(u Usage, p Prices) Cost {
	const perM = 1e6
	c := Cost{
		InputUSD:      float64(u.InputTokens) * p.InputPerMTok / perM,
		OutputUSD:     float64(u.OutputTokens) * p.OutputPerMTok / perM,
		CacheReadUSD:  float64(u.CacheReadInputTokens) * p.CacheReadPerMTok / perM,
		CacheWriteUSD: float64(u.CacheWriteInputTokens) * p.CacheWritePerMTok / perM,
	}
	c.TotalUSD = c.InputUSD + c.OutputUSD + c.CacheReadUSD + c.CacheWriteUSD
	return c
}
