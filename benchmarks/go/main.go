// Command gobench runs, with the Go reference (nats-io/jwt v2 and nats-io/nkeys), the operations
// that GoComparisonBenchmark runs with natsjwt, on the same fixture files (written by the Java
// class GoFixtures), and prints one JSON line per operation: its mean ops/s over the measured
// iterations, every iteration's ops/s and the bytes allocated per operation.
//
// Build in GOPATH mode against Debian's packages (golang-github-nats-io-jwt-dev and
// golang-github-nats-io-nkeys-dev):
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o gobench ./benchmarks/go
//	./gobench -fixtures DIR [-warmup 5] [-iterations 5] [-time 1s] [-ops decodeUser,connect]
//
// Like JMH's throughput mode, every iteration calls the operation for about -time and counts the
// calls; the warm-up iterations are not reported.
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nkeys"
)

type connect struct {
	jwt       []byte
	nonce     []byte
	signature string
}

type fixtures struct {
	user, operator, account, chainUser []byte
	connects                           []connect
	edPublic                           string
	edKey                              nkeys.KeyPair
	edMessage, edSignature             []byte
}

// A result line.
type result struct {
	Op          string    `json:"op"`
	Score       float64   `json:"score"`
	Iterations  []float64 `json:"iterations"`
	BytesPerOp  float64   `json:"bytesPerOp"`
	GoVersion   string    `json:"go"`
	IterationNs int64     `json:"iterationNs"`
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "gobench: "+format+"\n", args...)
	os.Exit(1)
}

func readToken(dir, name string) []byte {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		fail("%v", err)
	}
	return []byte(strings.TrimSpace(string(b)))
}

func readLines(dir, name string) []string {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		fail("%v", err)
	}
	defer f.Close()
	var lines []string
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		if s.Text() != "" {
			lines = append(lines, s.Text())
		}
	}
	if err := s.Err(); err != nil {
		fail("%s: %v", name, err)
	}
	return lines
}

func load(dir string) *fixtures {
	f := &fixtures{
		user:      readToken(dir, "user.jwt"),
		operator:  readToken(dir, "operator.jwt"),
		account:   readToken(dir, "account.jwt"),
		chainUser: readToken(dir, "chain-user.jwt"),
	}
	for i, line := range readLines(dir, "connects.txt") {
		parts := strings.Split(line, " ")
		if len(parts) != 3 {
			fail("connects.txt line %d: want 3 fields, got %d", i+1, len(parts))
		}
		f.connects = append(f.connects, connect{[]byte(parts[0]), []byte(parts[1]), parts[2]})
	}
	if len(f.connects) != 1000 {
		fail("connects.txt: want 1000 lines, got %d", len(f.connects))
	}
	ed := readLines(dir, "ed25519.txt")
	if len(ed) != 3 {
		fail("ed25519.txt: want 3 lines")
	}
	f.edPublic = ed[0]
	var err error
	if f.edKey, err = nkeys.FromPublicKey(f.edPublic); err != nil {
		fail("ed25519.txt key: %v", err)
	}
	if f.edMessage, err = hex.DecodeString(ed[1]); err != nil {
		fail("ed25519.txt message: %v", err)
	}
	if f.edSignature, err = hex.DecodeString(ed[2]); err != nil {
		fail("ed25519.txt signature: %v", err)
	}
	return f
}

// decodeUser decodes and verifies the user JWT, from a new string as read from the network.
func (f *fixtures) decodeUser() bool {
	uc, err := jwt.DecodeUserClaims(string(f.user))
	return err == nil && uc != nil
}

// connectOne is what a server must do at least at a CONNECT: decode and verify the user JWT, then
// verify the nonce signature with the user's key (nats-server decodes the signature as raw
// base64url).
func connectOne(c *connect) bool {
	uc, err := jwt.DecodeUserClaims(string(c.jwt))
	if err != nil {
		return false
	}
	sig, err := base64.RawURLEncoding.DecodeString(c.signature)
	if err != nil {
		return false
	}
	pub, err := nkeys.FromPublicKey(uc.Subject)
	if err != nil {
		return false
	}
	return pub.Verify(c.nonce, sig) == nil
}

// chain decodes and verifies operator, account and user JWT, and checks each issuer against the
// level above (the issuer itself or one of its signing keys).
func (f *fixtures) chain() bool {
	oc, err := jwt.DecodeOperatorClaims(string(f.operator))
	if err != nil {
		return false
	}
	ac, err := jwt.DecodeAccountClaims(string(f.account))
	if err != nil {
		return false
	}
	uc, err := jwt.DecodeUserClaims(string(f.chainUser))
	if err != nil {
		return false
	}
	accountOk := ac.Issuer == oc.Subject || oc.SigningKeys.Contains(ac.Issuer)
	userOk := uc.Issuer == ac.Subject || ac.SigningKeys.Contains(uc.Issuer)
	return accountOk && userOk && uc.IssuerAccount == ac.Subject
}

func (f *fixtures) ed25519Hot() bool {
	return f.edKey.Verify(f.edMessage, f.edSignature) == nil
}

func (f *fixtures) ed25519Cold() bool {
	k, err := nkeys.FromPublicKey(f.edPublic)
	return err == nil && k.Verify(f.edMessage, f.edSignature) == nil
}

// sink keeps the results alive, so that no call is optimised away.
var sink int

// iteration calls op for about d and returns its ops/s and the bytes allocated per call.
func iteration(op func() bool, d time.Duration) (float64, float64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	deadline := start.Add(d)
	n := 0
	for {
		for i := 0; i < 16; i++ {
			if op() {
				sink++
			}
		}
		n += 16
		if !time.Now().Before(deadline) {
			break
		}
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	return float64(n) / elapsed.Seconds(), float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
}

func main() {
	dir := flag.String("fixtures", "", "the directory GoFixtures wrote")
	warmup := flag.Int("warmup", 5, "warm-up iterations")
	iterations := flag.Int("iterations", 5, "measured iterations")
	each := flag.Duration("time", time.Second, "length of an iteration")
	only := flag.String("ops", "", "comma-separated operations to run (default: all)")
	flag.Parse()
	if *dir == "" {
		fail("-fixtures DIR is required")
	}
	f := load(*dir)

	next := 0
	connectNext := func() bool {
		c := &f.connects[next]
		next++
		if next == len(f.connects) {
			next = 0
		}
		return connectOne(c)
	}
	ops := []struct {
		name string
		run  func() bool
	}{
		{"decodeUser", f.decodeUser},
		{"connect", connectNext},
		{"chain", f.chain},
		{"ed25519Hot", f.ed25519Hot},
		{"ed25519Cold", f.ed25519Cold},
	}

	// The same checks as the Java side's setup: every input is accepted, an altered one is not.
	for i := range f.connects {
		if !connectOne(&f.connects[i]) {
			fail("CONNECT %d is not accepted", i)
		}
	}
	if !f.decodeUser() || !f.chain() || !f.ed25519Hot() || !f.ed25519Cold() {
		fail("a fixture is not accepted")
	}
	f.edMessage[0] ^= 1
	if f.ed25519Hot() || f.ed25519Cold() {
		fail("an altered message verifies")
	}
	f.edMessage[0] ^= 1

	selected := map[string]bool{}
	for _, name := range strings.Split(*only, ",") {
		if name != "" {
			selected[name] = true
		}
	}
	out := json.NewEncoder(os.Stdout)
	for _, op := range ops {
		if len(selected) > 0 && !selected[op.name] {
			continue
		}
		runtime.GC()
		for i := 0; i < *warmup; i++ {
			iteration(op.run, *each)
		}
		r := result{Op: op.name, GoVersion: runtime.Version(), IterationNs: each.Nanoseconds()}
		var sum, bytes float64
		for i := 0; i < *iterations; i++ {
			ops, b := iteration(op.run, *each)
			r.Iterations = append(r.Iterations, ops)
			sum += ops
			bytes += b
		}
		r.Score = sum / float64(*iterations)
		r.BytesPerOp = bytes / float64(*iterations)
		if err := out.Encode(r); err != nil {
			fail("%v", err)
		}
	}
}
