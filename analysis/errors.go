package analysis

import "errors"

// Errors the chart functions return for input they cannot draw.
var (
	ErrNoRecords     = errors.New("analysis: no records to chart")
	ErrNoRows        = errors.New("analysis: no rows to chart")
	ErrUnknownMetric = errors.New("analysis: unknown metric")
)
