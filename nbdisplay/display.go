package nbdisplay

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/janpfeifer/gonb/gonbui"
)

// Table shows df as an HTML table in the output of the running cell; see
// TableHTML for the format. Outside a notebook it does nothing.
//
// Like every display function here, Table returns only once the kernel has
// received the content (gonbui.Sync): GoNB drops content still in transit
// when the cell's program exits.
func Table(df dataframe.DataFrame) {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.DisplayHTML(TableHTML(df))
	gonbui.Sync()
}

// PNG shows b, the bytes of a PNG file, as an image in the output of the
// running cell. Outside a notebook it does nothing.
func PNG(b []byte) {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.DisplayPng(b)
	gonbui.Sync()
}

// Markdown shows s, rendered as Markdown, in the output of the running cell.
// Outside a notebook it does nothing.
func Markdown(s string) {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.DisplayMarkdown(s)
	gonbui.Sync()
}

// HTML shows s, which is trusted and not escaped, in the output of the
// running cell. Outside a notebook it does nothing.
func HTML(s string) {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.DisplayHTML(s)
	gonbui.Sync()
}
