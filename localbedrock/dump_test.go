package localbedrock_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

func TestDump(t *testing.T) {
	r := start(t, localbedrock.Options{Seed: 1})
	body := []byte(`{"messages":[{"role":"user","content":[{"text":` + quote(lesson.ProductionPlanning) + `}]}],"inferenceConfig":{"maxTokens":2548},"additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":1024}}}`)
	resp, b := post(t, r.URL(), "/model/"+url.PathEscape(sonnet45)+"/converse", body)
	fmt.Println(resp.Header)
	s := string(b)
	fmt.Println(s[:600], "\n...\n", s[len(s)-1500:])
	resp, b = post(t, r.URL(), "/model/"+url.PathEscape("anthropic.nope")+"/converse", body)
	fmt.Println(resp.StatusCode, resp.Header, string(b))
	resp, b = post(t, r.URL(), "/model/"+url.PathEscape(sonnet45)+"/converse", []byte("{nope"))
	fmt.Println(resp.StatusCode, resp.Header, string(b))
}
