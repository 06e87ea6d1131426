// Fixed key pairs of the test vendor's Signed JWT (private_key_jwt) client. Throwaway test keys:
// they exist only in this repository and mean something only to a test vendor on 127.0.0.1.
// Fixed rather than generated per start so that a Playwright spec can paste the private key into
// the connector form while the vendor runs in another process.
import { createPublicKey } from "node:crypto";

/** RSA 2048, PKCS#8 PEM: for RS256 and PS256. */
export const TEST_RSA_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDQ4J9Sn0G+rbj2
nNSTMWY48Sb85CWGc31GJYR5tZvt4kuCTbNvR4hjn7Yz94XaeyF4/CGMdqudULxV
/ipehadGuGVJfqBcFx3YhtoEUq5CpCRq/dVCoptX99jkqx+Co09uL6Pf2PF4EI6T
N/H3fFjFjcUymCt9a2mMBg8iXJAyUP64zWCtj89IUmHm/gjpcHW4NX+hZa2Hyl2L
EG5vgLRzqWrF2cv20YY3xKV/qD+/qJyk43IIaEXtvLRVwhoDOcNwl31ueMlrD6ZO
gReDfxvi/QxFJHu3lhqir5606WvMrJQ9CnXIMaGqb9ZuDQEOMx8PqjCNpcaTRKG+
qeg7Mtd5AgMBAAECggEACJ0CpOcRUHoccvrznyA93WJAX9ROodU4WMCqTlSJWg1n
XLe0iwWxn54R5uGxoNlL/4+yGHc6S3HtWkRxXdV4GOf4sUep+DIx1mB1NBFuwyu+
nrTZ6vYGnuGHDaLq2Tm/yETppoztJCzWnEaF0VVM2dSnSZdRz8myoAYN8LZNce2m
+ELUbECE+c5uhP9MThXBpWP/oqrCuO9Hrm+dsVd85wXrMZS/K2Rhqy9eCKvj5oIq
AXY7NKQNQ0zDwkCU8+iAEqe+sJgRCytp0UqZfAHqmNcFwmPpdlekXXnXUbBVNa/0
GRLHK4lqP7euPhNnVkxXNPjkGzLCkHqD1UM7Mm/EywKBgQD7QRMWuCUHF0ySHUGp
8MinGAh9SmjQNHCWZnbvChOPX35XsRgkZYmjLCt+rjH9H9VQwYVAz97PbUn4tCJx
qRPh2a5C5zkkarHBfWr3Vg6HjXNQzf+CS9eKWu9sZvVJmGVcS12UzOVVLdaaU40z
g2vseAoT5sojjv4+ejEXDF8fAwKBgQDU0qModwJfA3e8zU4susr58wxfiRu1bU5B
76qVbJvGWcMja+k6DMC0n2qesRKNnERaFdXE9brfSLLbjYJeFkfLmRtmu9hhAypQ
7aeNk8EiiufJciewIBhMQUovmhmPeFL8Ky+4pTr76KQ6Fwcg+kFM5ZOZuwAI02Nk
YL3so0wY0wKBgCsC2dSy00vidi4xKfOAj6jjGVjxav3xbDCi+8sx62VI0KUMYPii
FSzEu/FkupP9ZhP7/Oa6bwcNS3Nyys6wRgIMtKMpWAPe6+0WnkAXEEeuNEZp7UqN
1ykNJh1lhqoBl6B0GmIFrWCmhy1GDk76OXhymC8N/B6YNPfXDR5H9OSnAoGAKgIJ
wor7JNYCZHoB3EJinkOjRZhCp+UTdWBhQ21Usio1omBCgPrTbtOor/ozt1AJDd8R
evcmE7y90Sh1eyzarw1hoz2g0EVXrPG8CO4JSVAxwEmQG+u54BNjGVJJiVAu0SeV
G9VBd0fMYsr41UGQciU+pTGMKDHRhJaz5mm1M5ECgYEAzh9jNQBfsi3+bhaXxGVP
ejrq+jY2QTNpz6C4dENqlLwymajmS4W3IHh8IQu+37QDY50bkiv1/7ek+6zM9ixH
pv8ZOHYE0iKXm6QFkA82VBx9yPn/2Na74frERZB2BNBRRq7+l1BrBLuIjsCkccuq
QQDHSgRwMa+6JbE7GYg5FGQ=
-----END PRIVATE KEY-----
`;

/** EC P-256, PKCS#8 PEM: for ES256. */
export const TEST_EC_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQghZtdd+CxxCPQItND
2987lJagouVLRuU7BPSK4txOokihRANCAATf189YcWfbGj2oLSNmDm1XUJiHNsMH
QtF5J0PWP0Bv0zj9MlWmH0Bz9lWlUwONcY6aS3u2NmTm6gLKLbsEGUK6
-----END PRIVATE KEY-----
`;

export const TEST_RSA_KEY_ID = "test-vendor-rsa";
export const TEST_EC_KEY_ID = "test-vendor-ec";

/** The public JWK of a private key, as a client registers it (RFC 7591 `jwks`). */
export function publicJwkOf(privateKeyPem: string, kid: string): Record<string, unknown> {
  return { ...createPublicKey(privateKeyPem).export({ format: "jwk" }), kid, use: "sig" };
}

/** What the private_key_jwt client registered at the vendor: both public keys. */
export function registeredClientJwks(): { keys: Record<string, unknown>[] } {
  return { keys: [publicJwkOf(TEST_RSA_PRIVATE_KEY, TEST_RSA_KEY_ID), publicJwkOf(TEST_EC_PRIVATE_KEY, TEST_EC_KEY_ID)] };
}
