/**
 * The change-event envelope shared by the consumers of the CDC topics. Only types live
 * here, no behaviour beyond reading the envelope: each service maps the columns it needs
 * into its own row record.
 */
package cdcdemo.events;
