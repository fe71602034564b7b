/**
 * Dead letters: the records a consumer gave up on, which the platform's consumers publish
 * to {@code <topic>.DLT} with Spring Kafka's exception headers, shown with those headers;
 * and republishing one to its original topic, once.
 */
package cdcdemo.messages.deadletters;
