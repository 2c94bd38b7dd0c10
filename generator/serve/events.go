package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// An event is one Server-Sent Event: a name and its JSON data.
type event struct {
	name string
	data []byte
}

func newEvent(name string, v any) event {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled
	}
	return event{name, data}
}

// A hub sends events to every open event stream. A new stream first gets
// the current state (the build being served, the problems of the latest
// build), so a page that connects late, or again after losing the
// connection, catches up.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	state   []event
	closed  bool
}

func newHub() *hub { return &hub{clients: map[chan event]bool{}} }

// publish sends events to every stream and makes state what new streams
// get first.
func (h *hub) publish(state []event, events ...event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.state = state
	for c := range h.clients {
	send:
		for _, e := range events {
			select {
			case c <- e:
			default:
				// A stream that does not keep up is closed; the page
				// reconnects and catches up from the state.
				delete(h.clients, c)
				close(c)
				break send
			}
		}
	}
}

func (h *hub) subscribe() (chan event, []event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan event, 16)
	if h.closed {
		close(c)
		return c, nil
	}
	h.clients[c] = true
	return c, h.state
}

func (h *hub) unsubscribe(c chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[c] {
		delete(h.clients, c)
		close(c)
	}
}

// close ends every stream, now and to come, so that a server can shut
// down without waiting for them.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}

// keepAlive is how often an idle stream gets a comment, so that proxies
// and browsers do not drop it.
const keepAlive = 20 * time.Second

// ServeHTTP streams events as text/event-stream until the page goes away
// or the hub closes.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	c, state := h.subscribe()
	defer h.unsubscribe(c)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 500\n\n")
	for _, e := range state {
		writeEvent(w, e)
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case e, ok := <-c:
			if !ok {
				return
			}
			writeEvent(w, e)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-r.Context().Done():
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// writeEvent writes e in the event-stream format. JSON holds no newline,
// so the data is one line.
func writeEvent(w http.ResponseWriter, e event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
}
