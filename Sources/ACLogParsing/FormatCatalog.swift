/// Every built-in format under the number stored with each record (`records.format`): the fields a
/// format reads from a line are read again from the stored message when they are asked for, not
/// stored beside it (`RecordFields`). Append only: a number, once stored, must keep naming its format.
public enum FormatCatalog {
    static let formats: [any LogFormat] = [
        GenericFormat(), JSONLineFormat(), LoguruFormat(), MySQLFormat(), RedisFormat(), NginxFormat(),
        UvicornFormat(), PythonLoggingFormat(), ViteFormat(), MinioFormat(), LogfmtFormat(),
    ]

    private static let numbers = Dictionary(uniqueKeysWithValues: formats.enumerated().map { ($1.name, $0) })

    /// The number of the format named `name`; a name the catalogue lacks gets the generic format's,
    /// which reads no fields.
    public static func number(of name: String) -> Int {
        numbers[name] ?? 0
    }

    static func format(numbered number: Int) -> (any LogFormat)? {
        formats.indices.contains(number) ? formats[number] : nil
    }
}
