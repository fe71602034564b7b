/**
 * Web concerns of the whole app: protection of its one state-changing form.
 */
package cdcdemo.messages.system;
