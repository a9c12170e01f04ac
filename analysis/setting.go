package analysis

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// The kinds of thinking setting, in the order tables and charts show them.
const (
	kindOff = iota
	kindBudget
	kindEffort
)

// settingKind tells which kind of thinking setting r ran with.
func settingKind(r Record) int {
	switch {
	case r.BudgetTokens > 0:
		return kindBudget
	case r.Effort != "":
		return kindEffort
	}
	return kindOff
}

// effortRank places an effort level in claudeutils.Efforts; unknown levels
// come after all known ones.
func effortRank(e string) int {
	if i := slices.Index(claudeutils.Efforts, claudeutils.Effort(e)); i >= 0 {
		return i
	}
	return len(claudeutils.Efforts)
}

// compareSettings orders thinking settings: off first, then budgets from
// the smallest, then effort levels from the least. It returns a negative
// number when a comes first, zero when both ran with the same setting.
func compareSettings(a, b Record) int {
	ka, kb := settingKind(a), settingKind(b)
	if c := cmp.Compare(ka, kb); c != 0 {
		return c
	}
	switch ka {
	case kindBudget:
		return cmp.Compare(a.BudgetTokens, b.BudgetTokens)
	case kindEffort:
		if c := cmp.Compare(effortRank(a.Effort), effortRank(b.Effort)); c != 0 {
			return c
		}
		return cmp.Compare(a.Effort, b.Effort)
	}
	return 0
}

// sortedBySetting returns a copy of recs sorted by compareSettings; runs
// with the same setting keep their order.
func sortedBySetting(recs []Record) []Record {
	out := slices.Clone(recs)
	slices.SortStableFunc(out, compareSettings)
	return out
}

// settingLabel is the short name of r's setting on a chart axis: a budget
// with grouped digits ("16,384"), an effort level ("high") or "off".
func settingLabel(r Record) string {
	switch settingKind(r) {
	case kindBudget:
		return groupDigits(r.BudgetTokens)
	case kindEffort:
		return r.Effort
	}
	return "off"
}

// groupDigits renders n with commas between groups of three digits.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}
