package taskstats

import (
	"errors"
	"fmt"
	"os"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// ErrNoTask is returned when the kernel has no task of the ID asked for
// (ESRCH); it matches os.ErrNotExist too.
var ErrNoTask = fmt.Errorf("taskstats: no such task: %w", os.ErrNotExist)

// Client is a socket bound to the TASKSTATS family. The family lives in
// the initial network namespace only; like a genl.Conn it is driven by
// one goroutine at a time.
type Client struct {
	c *genl.Conn
}

// Dial resolves the family and opens a socket for it; cfg may be nil.
func Dial(cfg *nl.Config) (*Client, error) {
	c, err := genl.Dial(FamilyName, cfg)
	if err != nil {
		return nil, err
	}
	return &Client{c: c}, nil
}

// NewClient uses a socket bound to the family already, for tests.
func NewClient(c *genl.Conn) *Client { return &Client{c: c} }

// Conn is the socket underneath.
func (c *Client) Conn() *genl.Conn { return c.c }

// Close closes the socket.
func (c *Client) Close() error { return c.c.Close() }

// Get returns the statistics of task id (ScopePID) or of thread group id
// (ScopeTGID). A task that does not exist is ErrNoTask.
func (c *Client) Get(scope Scope, id uint32) (Record, error) {
	attr := uint16(attrPID)
	if scope == ScopeTGID {
		attr = attrTGID
	}
	e := nl.NewAttrEncoder(nil)
	e.Uint32(attr, id)
	b, err := e.Encode()
	if err != nil {
		return Record{}, err
	}
	msgs, err := c.c.Execute(CmdGet, 0, b)
	if err != nil {
		if errors.Is(err, unix.ESRCH) {
			return Record{}, fmt.Errorf("%w: %s %d: %w", ErrNoTask, scope, id, err)
		}
		return Record{}, fmt.Errorf("taskstats: getting %s %d: %w", scope, id, err)
	}
	for _, m := range msgs {
		recs, err := ParseRecords(m.Attrs)
		if err != nil {
			return Record{}, err
		}
		for _, r := range recs {
			if r.Scope == scope {
				return r, nil
			}
		}
	}
	return Record{}, fmt.Errorf("taskstats: the kernel answered for %s %d without statistics", scope, id)
}

// Register asks the kernel to send this socket a record for every task
// that exits on the CPUs of mask, a CPU list such as "0-3,8" (the kernel
// parses it). Deregister ends that.
func (c *Client) Register(mask string) error { return c.cpumask(attrRegister, mask) }

// Deregister stops the records Register asked for.
func (c *Client) Deregister(mask string) error { return c.cpumask(attrDeregister, mask) }

func (c *Client) cpumask(attr uint16, mask string) error {
	e := nl.NewAttrEncoder(nil)
	e.String(attr, mask)
	b, err := e.Encode()
	if err != nil {
		return err
	}
	if _, err := c.c.Execute(CmdGet, 0, b); err != nil {
		return fmt.Errorf("taskstats: cpumask %q: %w", mask, err)
	}
	return nil
}

// Receive waits for the next exit records.
func (c *Client) Receive() ([]Record, error) {
	msgs, err := c.c.Receive()
	if err != nil {
		return nil, err
	}
	var out []Record
	for _, m := range msgs {
		if m.Header.Command != CmdNew {
			continue
		}
		recs, err := ParseRecords(m.Attrs)
		if err != nil {
			return out, err
		}
		out = append(out, recs...)
	}
	return out, nil
}
