package lesson

import (
	"regexp"
	"strconv"
	"strings"
)

// dollarAmount matches a dollar figure such as "$3,000" or "$2750.50".
var dollarAmount = regexp.MustCompile(`\$\s?([0-9][0-9,]*(?:\.[0-9]+)?)`)

// StatedProfitUSD returns the last dollar figure in an answer to
// ProductionPlanning, which is where a worked solution states its result.
// It reports false when the answer names no dollar figure.
func StatedProfitUSD(answer string) (float64, bool) {
	m := dollarAmount.FindAllStringSubmatch(answer, -1)
	if len(m) == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[len(m)-1][1], ",", ""), 64)
	return v, err == nil
}

// GradeProductionPlanning reports whether an answer to ProductionPlanning
// ends on the right maximum profit, ProductionPlanningBestProfitUSD. It
// checks the final figure only, not the reasoning: a rough, automatic
// measure of quality that tokens per second cannot give.
func GradeProductionPlanning(answer string) bool {
	v, ok := StatedProfitUSD(answer)
	return ok && v == ProductionPlanningBestProfitUSD
}
