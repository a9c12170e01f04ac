package analysis

// MostEfficient returns the record with the most tokens per second, the
// lesson's "efficiency"; a tie goes to the smaller thinking setting, then
// to the earlier record. It reports false when recs is empty. Tokens per
// second rewards long answers, not good ones.
func MostEfficient(recs []Record) (Record, bool) {
	return best(recs, func(a, b Record) bool { return a.TokensPerSecond > b.TokensPerSecond })
}

// Fastest returns the record with the fewest elapsed seconds; a tie goes
// to the smaller thinking setting, then to the earlier record. It reports
// false when recs is empty.
func Fastest(recs []Record) (Record, bool) {
	return best(recs, func(a, b Record) bool { return a.ElapsedSeconds < b.ElapsedSeconds })
}

// Cheapest returns the record with the lowest total cost; a tie goes to
// the smaller thinking setting, then to the earlier record. It reports
// false when recs is empty.
func Cheapest(recs []Record) (Record, bool) {
	return best(recs, func(a, b Record) bool { return a.TotalCostUSD < b.TotalCostUSD })
}

// best returns the record that beats every other by better, breaking ties
// by compareSettings and then by position.
func best(recs []Record, better func(a, b Record) bool) (Record, bool) {
	if len(recs) == 0 {
		return Record{}, false
	}
	top := recs[0]
	for _, r := range recs[1:] {
		if better(r, top) || (!better(top, r) && compareSettings(r, top) < 0) {
			top = r
		}
	}
	return top, true
}
