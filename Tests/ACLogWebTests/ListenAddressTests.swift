import ACLogWeb
import Testing

@Suite struct ListenAddressTests {
    @Test func readsHostAndPort() throws {
        #expect(try ListenAddress(parsing: "127.0.0.1:7070") == ListenAddress(host: "127.0.0.1", port: 7070))
        #expect(try ListenAddress(parsing: "[::1]:8080") == ListenAddress(host: "::1", port: 8080))
        #expect(try ListenAddress(parsing: ":9000") == ListenAddress(host: "127.0.0.1", port: 9000))
        #expect(try ListenAddress(parsing: "0.0.0.0:7070").isLoopback == false)
        #expect(try ListenAddress(parsing: "localhost:1").isLoopback)
        #expect(try ListenAddress(parsing: "127.0.0.2:1").isLoopback)
    }

    @Test(arguments: ["7070", "host:", "host:x", "1.2.3.4:70000", "[::1]7070", "a b:80", "::1:80"])
    func refusesWhatIsNoAddress(_ text: String) {
        #expect(throws: ListenAddress.Invalid.self) { try ListenAddress(parsing: text) }
    }
}
