package io.claimshub.x12;

import io.claimshub.config.PayerConfig;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One 837P file for one payer: ISA/GS envelope with one or more transaction sets.
 *
 * @param interchangeControlNumber ISA13 and GS06
 * @param created                  ISA09/10, GS04/05, BHT04/05
 * @param batchId                  BHT03, the originator's reference for the batch
 */
public record Interchange837(PayerConfig payer, long interchangeControlNumber, LocalDateTime created, String batchId,
                             List<TransactionSet837> sets) {

    public Interchange837 {
        sets = List.copyOf(sets);
    }
}
