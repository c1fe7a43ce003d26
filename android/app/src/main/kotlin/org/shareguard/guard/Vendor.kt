package org.shareguard.guard

/** Phone makers whose battery managers stop accessibility services, and their brands. */
enum class Vendor(private val brands: Set<String>) {
    XIAOMI(setOf("xiaomi", "redmi", "poco")),
    HUAWEI(setOf("huawei", "honor")),
    OPPO(setOf("oppo", "realme", "oneplus")),
    VIVO(setOf("vivo", "iqoo")),
    ;

    companion object {
        /** The vendor of a phone from `Build.MANUFACTURER` and `Build.BRAND`, or null for another maker. */
        @JvmStatic
        fun of(manufacturer: String?, brand: String?): Vendor? {
            val names = listOfNotNull(manufacturer, brand).map { it.trim().lowercase() }
            return entries.firstOrNull { vendor -> names.any { it in vendor.brands } }
        }

        /** Every vendor, the phone's own first. */
        @JvmStatic
        fun ordered(own: Vendor?): List<Vendor> = if (own == null) entries else listOf(own) + (entries - own)
    }
}
