package nbdisplay_test

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/thinkbudget/thinkbudget/nbdisplay"
)

func ExampleTableHTML() {
	df := dataframe.New(
		series.New([]string{"low", "high"}, series.String, "effort"),
		series.New([]int{1024, 16000}, series.Int, "budget_tokens"),
	)
	fmt.Print(nbdisplay.TableHTML(df))
	// Output:
	// <table>
	// <thead>
	// <tr><th>effort</th><th>budget_tokens</th></tr>
	// </thead>
	// <tbody>
	// <tr><td>low</td><td>1024</td></tr>
	// <tr><td>high</td><td>16000</td></tr>
	// </tbody>
	// </table>
}
