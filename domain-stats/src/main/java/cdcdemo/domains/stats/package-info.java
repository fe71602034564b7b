/**
 * The counts: the listener that reads the change events, the state it keeps, and the page
 * and JSON that show it.
 */
package cdcdemo.domains.stats;
