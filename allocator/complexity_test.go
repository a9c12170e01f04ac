package allocator

import (
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		want   Complexity
		wantOK bool
	}{
		{name: "simple", raw: "simple", want: Simple, wantOK: true},
		{name: "medium", raw: "medium", want: Medium, wantOK: true},
		{name: "complex", raw: "complex", want: Complex, wantOK: true},
		{name: "very complex with underscore", raw: "very_complex", want: VeryComplex, wantOK: true},
		{name: "upper case", raw: "COMPLEX", want: Complex, wantOK: true},
		{name: "title case", raw: "Simple", want: Simple, wantOK: true},
		{name: "surrounding white space", raw: "  medium \n", want: Medium, wantOK: true},
		{name: "double quotes", raw: `"complex"`, want: Complex, wantOK: true},
		{name: "single quotes", raw: "'simple'", want: Simple, wantOK: true},
		{name: "backticks", raw: "`very_complex`", want: VeryComplex, wantOK: true},
		{name: "trailing full stop", raw: "Medium.", want: Medium, wantOK: true},
		{name: "full stop inside quotes", raw: `"simple."`, want: Simple, wantOK: true},
		{name: "full stop after quotes", raw: " `complex`. ", want: Complex, wantOK: true},
		{name: "space instead of underscore", raw: "Very Complex", want: VeryComplex, wantOK: true},
		{name: "hyphen instead of underscore", raw: "very-complex", want: VeryComplex, wantOK: true},
		{name: "two spaces", raw: "very  complex.", want: VeryComplex, wantOK: true},
		{name: "empty", raw: "", wantOK: false},
		{name: "blank", raw: "  \t", wantOK: false},
		{name: "unknown label", raw: "hard", wantOK: false},
		{name: "label in a sentence", raw: "The task is complex.", wantOK: false},
		{name: "label with explanation", raw: "simple - a fact", wantOK: false},
		{name: "markdown bold", raw: "**medium**", wantOK: false},
		{name: "two labels", raw: "simple medium", wantOK: false},
		{name: "very alone", raw: "very", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Normalize(tt.raw)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Normalize(%q) = %q, %v; want %q, %v", tt.raw, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestParseComplexity(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Complexity
		wantErr string
	}{
		{name: "exact", in: "complex", want: Complex},
		{name: "forgiven noise", in: "Very-Complex", want: VeryComplex},
		{name: "unknown", in: "trivial",
			wantErr: `complexity "trivial" is not one of simple, medium, complex, very_complex`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseComplexity(tt.in)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tt.want || gotErr != tt.wantErr {
				t.Errorf("ParseComplexity(%q) = %q, %q; want %q, %q", tt.in, got, gotErr, tt.want, tt.wantErr)
			}
		})
	}
}

func TestComplexity_Valid(t *testing.T) {
	tests := []struct {
		c    Complexity
		want bool
	}{
		{Simple, true},
		{Medium, true},
		{Complex, true},
		{VeryComplex, true},
		{"", false},
		{"Simple", false},
		{"very complex", false},
	}
	for _, tt := range tests {
		t.Run(string(tt.c), func(t *testing.T) {
			if got := tt.c.Valid(); got != tt.want {
				t.Errorf("Complexity(%q).Valid() = %v, want %v", tt.c, got, tt.want)
			}
		})
	}
}
