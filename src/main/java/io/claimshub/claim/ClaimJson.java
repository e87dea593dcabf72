package io.claimshub.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.claimshub.hashing.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The canonical JSON form of a {@link Claim}: what clinics may drop as a file, what the ledger stores,
 * and what the content hash for duplicate detection is computed over. Unknown properties are an error,
 * so a misspelt key is reported instead of silently ignored.
 */
public final class ClaimJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private ClaimJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Claim claim) {
        try {
            return MAPPER.writeValueAsString(claim);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Claim read(String json) {
        try {
            return MAPPER.readValue(json, Claim.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the canonical JSON: equal claims have equal hashes, whatever their source format. */
    public static String contentHash(String canonicalJson) {
        return Sha256.hex(canonicalJson);
    }
}
