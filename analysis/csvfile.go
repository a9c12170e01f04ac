package analysis

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// WriteCSV writes df to path as CSV with a header row, atomically as
// WriteFileAtomic does, with mode 0644. Cells are formatted as EncodeCSV
// formats them.
func WriteCSV(path string, df dataframe.DataFrame) error {
	var buf bytes.Buffer
	if err := EncodeCSV(&buf, df); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return WriteFileAtomic(path, buf.Bytes(), 0o644)
}

// EncodeCSV writes df to w as CSV with a header row. Float columns are
// formatted by the unit their name ends in: "_usd" with 6 decimals,
// "_seconds" with 3, "_per_second" with 2, any other with as many digits
// as the value needs. Missing values are written as NaN, which gota and
// pandas both read back as missing. It returns df's own error, if any.
func EncodeCSV(w io.Writer, df dataframe.DataFrame) error {
	if df.Err != nil {
		return df.Err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(df.Names()); err != nil {
		return err
	}
	for _, row := range formatRows(df) {
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// formatRows renders every cell of df as EncodeCSV describes, row by row.
func formatRows(df dataframe.DataFrame) [][]string {
	nrow, ncol := df.Dims()
	rows := make([][]string, nrow)
	for i := range rows {
		rows[i] = make([]string, ncol)
	}
	for j, name := range df.Names() {
		col := df.Col(name)
		decimals := floatDecimals(name)
		for i := range nrow {
			rows[i][j] = formatElem(col, i, decimals)
		}
	}
	return rows
}

// formatElem renders element i of s; floats get the given number of
// decimals, or the shortest exact form when decimals is negative.
func formatElem(s series.Series, i, decimals int) string {
	e := s.Elem(i)
	if s.Type() != series.Float {
		return e.String()
	}
	v := e.Float()
	if e.IsNA() || math.IsNaN(v) {
		return "NaN"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// floatDecimals is the number of decimals for a float column of the given
// name: enough for a micro-dollar and a millisecond, -1 for shortest form.
func floatDecimals(name string) int {
	switch {
	case strings.HasSuffix(name, "_usd"):
		return 6
	case strings.HasSuffix(name, "_seconds"):
		return 3
	case strings.HasSuffix(name, "_per_second"):
		return 2
	}
	return -1
}
