package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMarkdownHTML(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{
			name: "paragraphs with inline code and bold",
			src:  "Use `2A + B <= 200` and **check**.\nSecond line.\n\nNext paragraph.",
			want: "<p>Use <code>2A + B &lt;= 200</code> and <strong>check</strong>.\nSecond line.</p>\n<p>Next paragraph.</p>\n",
		},
		{
			name: "headings move under the section heading",
			src:  "# One\n## Two\n### Three\n###### Six",
			want: "<h3>One</h3>\n<h3>Two</h3>\n<h4>Three</h4>\n<h6>Six</h6>\n",
		},
		{
			name: "fenced code keeps its lines and escapes them",
			src:  "```go\nif a < b {\n\treturn\n}\n```\nafter",
			want: "<pre><code>if a &lt; b {\n\treturn\n}</code></pre>\n<p>after</p>\n",
		},
		{
			name: "unclosed fence runs to the end",
			src:  "```\n<b>",
			want: "<pre><code>&lt;b&gt;</code></pre>\n",
		},
		{
			name: "lists",
			src:  "- one\n* two\n\n1. first\n2) second",
			want: "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n",
		},
		{
			name: "table with an escaped pipe",
			src:  "| a | b |\n|---|--:|\n| x \\| y | <i>z</i> |",
			want: "<table>\n<thead><tr><th>a</th><th>b</th></tr></thead>\n<tbody>\n<tr><td>x | y</td><td>&lt;i&gt;z&lt;/i&gt;</td></tr>\n</tbody>\n</table>\n",
		},
		{
			name: "pipe line without a rule is a paragraph",
			src:  "| not a table",
			want: "<p>| not a table</p>\n",
		},
		{
			name: "block quote renders its inside",
			src:  "> # Title\n> text\n>\n> - item",
			want: "<blockquote>\n<h3>Title</h3>\n<p>text</p>\n<ul>\n<li>item</li>\n</ul>\n</blockquote>\n",
		},
		{
			name: "raw HTML is text",
			src:  "<script>alert(1)</script> & <img src=x onerror=y>",
			want: "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;</p>\n",
		},
		{
			name: "rule and unmatched backtick",
			src:  "a `b\n\n---",
			want: "<p>a `b</p>\n<hr>\n",
		},
		{
			name: "empty",
			src:  "",
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, string(markdownHTML(tt.src))); diff != "" {
				t.Errorf("markdownHTML mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
