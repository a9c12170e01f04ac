package claudeutils

import (
	"io"
	"net/http"
)

// sdkHTTPClient is what the SDK's service clients call to send requests.
type sdkHTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// plainBodyClient hides every method of a request body but Read and Close
// before the request goes out.
//
// The SDK closes a request's body as soon as the response headers arrive.
// When the server answers before net/http has finished its last read of
// the body (as a server on the same machine does), that read sees the
// closed body, net/http takes it for a write error and closes the
// connection under the response: the caller then sees "use of closed
// network connection" midway through a stream. net/http reads a plain
// io.ReadCloser to its end without that race, because it no longer knows
// the body's length ahead and stops at EOF.
type plainBodyClient struct{ next sdkHTTPClient }

func (c plainBodyClient) Do(r *http.Request) (*http.Response, error) {
	if r.Body != nil && r.Body != http.NoBody {
		r.Body = struct{ io.ReadCloser }{r.Body}
	}
	return c.next.Do(r)
}
