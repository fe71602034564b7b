/**
 * Users: the one feature of the monolith. Nothing here knows that its table is captured.
 */
package cdcdemo.users.user;
