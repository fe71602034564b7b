/**
 * What is not about domains: what happens to a record the listener cannot handle.
 */
package cdcdemo.domains.system;
