/**
 * The bridge's HTTP face for connectors: the JSON API, the Thymeleaf page with its forms
 * to create, edit and destroy connectors, and the problem details the API answers with.
 * Only calls the registry; nothing below knows this package.
 */
package cdcdemo.bridge.connector.api;
