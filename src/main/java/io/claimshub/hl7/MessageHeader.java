package io.claimshub.hl7;

/**
 * What identifies an HL7 message, read from its MSH segment. None of it is patient data.
 *
 * @param sendingApplication MSH-3-1: the sender's system, echoed in MSH-5 of the acknowledgement
 * @param sendingFacility MSH-4-1: tells which clinic sent it
 * @param controlId       MSH-10: the sender's message id, used in error reports and ACKs
 * @param messageType     MSH-9-1 and MSH-9-2 joined by {@code ^}, e.g. {@code DFT^P03}
 * @param version         MSH-12 as written by the sender, e.g. {@code 2.3}
 */
public record MessageHeader(String sendingApplication, String sendingFacility, String controlId, String messageType, String version) {
}
