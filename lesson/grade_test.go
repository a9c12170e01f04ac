package lesson

import "testing"

func TestGradeProductionPlanning(t *testing.T) {
	tests := []struct {
		answer string
		want   bool
	}{
		{"Make 50 A and 100 B. Maximum profit: $3,000.", true},
		{"Costs are $20 and $10 ... so the profit is $3000", true},
		{"The best plan earns $3,750.", false},
		{"Profit $3,000 is not reachable; the answer is $2,750.", false},
		{"no figure at all", false},
		{"$3,000.00", true},
	}
	for _, tt := range tests {
		if got := GradeProductionPlanning(tt.answer); got != tt.want {
			t.Errorf("GradeProductionPlanning(%q) = %v, want %v", tt.answer, got, tt.want)
		}
	}
}
