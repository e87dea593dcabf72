package io.claimshub;

public final class ClaimsHub {
    public static void main(String[] args) {
    }
}
