/**
 * The message list web app: shows every record of the configured topics, newest first,
 * and pushes new ones to the browser as they arrive.
 */
package cdcdemo.messages;
