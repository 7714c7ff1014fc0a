// Command go-json decodes payloads with the Go reference, to record how Go's encoding/json reads
// them: duplicate keys, null, key case, type errors, numbers.
//
// Each input line is a payload with $OP, $ACC, $USR standing for fixed keys (a line starting with
// "OP " is signed by the operator, else by the account). Each output line is the payload as
// signed, a tab, and "OK <json.Marshal of the decoded claims>" or "ERR <error>".
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go run main.go < cases.txt > expected.tsv
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nkeys"
)

func key(prefix nkeys.PrefixByte, fill byte) nkeys.KeyPair {
	raw := make([]byte, 32)
	for i := range raw {
		raw[i] = fill + byte(i)
	}
	seed, err := nkeys.EncodeSeed(prefix, raw)
	if err != nil {
		panic(err)
	}
	kp, err := nkeys.FromSeed(seed)
	if err != nil {
		panic(err)
	}
	return kp
}

func main() {
	op := key(nkeys.PrefixByteOperator, 1)
	acc := key(nkeys.PrefixByteAccount, 2)
	usr := key(nkeys.PrefixByteUser, 3)
	opk, _ := op.PublicKey()
	acck, _ := acc.PublicKey()
	usrk, _ := usr.PublicKey()
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	for in.Scan() {
		line := in.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		signer := acc
		if strings.HasPrefix(line, "OP ") {
			signer = op
			line = line[3:]
		}
		pk, _ := signer.PublicKey()
		p := strings.NewReplacer("$ISS", pk, "$OP", opk, "$ACC", acck, "$USR", usrk).Replace(line)
		h := base64.RawURLEncoding.EncodeToString([]byte(`{"typ":"JWT","alg":"ed25519-nkey"}`))
		b := base64.RawURLEncoding.EncodeToString([]byte(p))
		sig, _ := signer.Sign([]byte(h + "." + b))
		var c interface{}
		c, err := jwt.Decode(h + "." + b + "." + base64.RawURLEncoding.EncodeToString(sig))
		if err != nil && strings.Contains(err.Error(), "V1 signature") {
			// Generic claims without a version are taken for v1 and their signature checked over
			// the payload alone: read them as Decode reads them, into GenericClaims.
			var gc jwt.GenericClaims
			err = json.Unmarshal([]byte(p), &gc)
			c = &gc
		}
		if err != nil {
			fmt.Printf("%s\tERR %s\n", p, strings.ReplaceAll(err.Error(), "\n", " "))
			continue
		}
		out, err := json.Marshal(c)
		if err != nil {
			fmt.Printf("%s\tERR marshal: %s\n", p, err)
			continue
		}
		fmt.Printf("%s\tOK %s\n", p, out)
	}
}
