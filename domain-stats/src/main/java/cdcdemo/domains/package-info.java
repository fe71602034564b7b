/**
 * Users per email domain, from the change events of the monolith's {@code users} table.
 */
package cdcdemo.domains;
