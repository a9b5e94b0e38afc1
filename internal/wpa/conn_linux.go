package wpa

import (
	"fmt"
	"net"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// Conn is a packet socket that sends and receives EAPOL frames on one
// interface (AF_PACKET, SOCK_DGRAM, ETH_P_PAE): the link header is the
// kernel's, the PDUs are ours.
type Conn struct {
	f       *os.File
	ifindex int
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// ListenEAPOL opens a packet socket for EAPOL frames on the interface, in
// the calling thread's network namespace. Open it before associating: the
// access point's first message follows the association at once.
func ListenEAPOL(ifindex int) (*Conn, error) {
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, int(htons(EtherType)))
	if err != nil {
		return nil, fmt.Errorf("wpa: packet socket: %w", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(EtherType), Ifindex: ifindex}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("wpa: binding the packet socket to interface %d: %w", ifindex, err)
	}
	return &Conn{f: os.NewFile(uintptr(fd), "eapol"), ifindex: ifindex}, nil
}

// Receive returns the next EAPOL PDU and the address it came from.
func (c *Conn) Receive() ([]byte, net.HardwareAddr, error) {
	rc, err := c.f.SyscallConn()
	if err != nil {
		return nil, nil, err
	}
	buf := make([]byte, 4096)
	var n int
	var from unix.Sockaddr
	var rerr error
	err = rc.Read(func(fd uintptr) bool {
		n, from, rerr = unix.Recvfrom(int(fd), buf, 0)
		return rerr != unix.EAGAIN
	})
	if err == nil {
		err = rerr
	}
	if err != nil {
		return nil, nil, fmt.Errorf("wpa: receiving EAPOL: %w", err)
	}
	var src net.HardwareAddr
	if ll, ok := from.(*unix.SockaddrLinklayer); ok && ll.Halen <= 8 {
		src = append(net.HardwareAddr(nil), ll.Addr[:ll.Halen]...)
	}
	return buf[:n], src, nil
}

// Send sends an EAPOL PDU to the address.
func (c *Conn) Send(to net.HardwareAddr, pdu []byte) error {
	rc, err := c.f.SyscallConn()
	if err != nil {
		return err
	}
	sa := &unix.SockaddrLinklayer{Protocol: htons(EtherType), Ifindex: c.ifindex, Halen: uint8(len(to))}
	copy(sa.Addr[:], to)
	var serr error
	err = rc.Write(func(fd uintptr) bool {
		serr = unix.Sendto(int(fd), pdu, 0, sa)
		return serr != unix.EAGAIN
	})
	if err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("wpa: sending EAPOL to %s: %w", to, err)
	}
	return nil
}

// SetReadDeadline bounds Receive.
func (c *Conn) SetReadDeadline(t time.Time) error { return c.f.SetReadDeadline(t) }

// Close closes the socket.
func (c *Conn) Close() error { return c.f.Close() }
