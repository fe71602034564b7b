/**
 * A real OpenID Connect issuer for the tests of the platform's logins.
 */
package cdcdemo.testsupport.oidc;
