internal import CCurl

/// Where and how to submit mail: an `smtp://HOST:PORT` or `smtps://HOST:PORT` URL, STARTTLS,
/// the certificate authorities to trust, and the login.
public struct SMTPServer: Sendable, Hashable, CustomStringConvertible {
    public var url: String
    /// Upgrade a plain `smtp://` connection with STARTTLS and fail if the server cannot.
    public var startTLS: Bool
    /// A PEM file of certificate authorities to trust instead of the system's (a private CA).
    public var caFile: String?
    public var user: String?
    /// Never printed: `description` leaves it out.
    public var password: String?
    /// Seconds to wait for the connection and, separately, for the whole submission.
    public var timeoutSeconds: Int

    public init(
        url: String, startTLS: Bool = false, caFile: String? = nil, user: String? = nil, password: String? = nil,
        timeoutSeconds: Int = 30
    ) {
        self.url = url
        self.startTLS = startTLS
        self.caFile = caFile
        self.user = user
        self.password = password
        self.timeoutSeconds = timeoutSeconds
    }

    /// `smtp://127.0.0.1:2525 (STARTTLS, user digest)`: no password.
    public var description: String {
        var notes: [String] = []
        if startTLS { notes.append("STARTTLS") }
        if let user { notes.append("user \(user)") }
        return notes.isEmpty ? url : "\(url) (\(notes.joined(separator: ", ")))"
    }

    /// Whether `url` is an `smtp://` or `smtps://` URL with a host.
    public static func isValidURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        for scheme in ["smtp://", "smtps://"] where lower.hasPrefix(scheme) {
            let rest = url.dropFirst(scheme.count)
            return !rest.isEmpty && !rest.hasPrefix(":") && !rest.hasPrefix("/")
        }
        return false
    }
}

/// Why a submission failed: the server's last reply (code and words) when there was one,
/// else what libcurl says went wrong (no connection, certificate not trusted, ...).
public struct SMTPFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The SMTP reply code of the server's last reply (535 for a refused login), when known.
    public var replyCode: Int?
    /// The server's last reply lines, as it sent them.
    public var reply: String?
    /// libcurl's words for the failure (`curl_easy_strerror` and its error buffer).
    public var detail: String

    public var description: String {
        if let reply, !reply.isEmpty { return "the server replied \"\(reply)\" (\(detail))" }
        return detail
    }
}

/// Submits one message over SMTP with libcurl (the only code that touches CCurl): STARTTLS or
/// implicit TLS with certificate and host name checks, AUTH PLAIN or LOGIN as the server offers.
/// The password goes to libcurl only; the protocol lines kept for error messages are the
/// server's, never ours (ours carry the credentials).
public enum SMTPClient {
    /// libcurl's global set-up, once per process before the first handle (curl_global_init is
    /// not thread-safe, so a lazy static runs it exactly once).
    private static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// Sends `message` (RFC 5322 bytes, CRLF line ends) from `from` to every address in `to`.
    public static func send(_ message: [UInt8], from: String, to: [String], via server: SMTPServer) throws(SMTPFailure) {
        guard initialised, let handle = curl_easy_init() else {
            throw SMTPFailure(replyCode: nil, reply: nil, detail: "libcurl could not be started")
        }
        defer { curl_easy_cleanup(handle) }
        var recipients: UnsafeMutablePointer<curl_slist>? = nil
        for address in to { recipients = curl_slist_append(recipients, address) }
        defer { curl_slist_free_all(recipients) }

        let upload = Upload(message)
        let talk = Transcript()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            withExtendedLifetime((upload, talk)) {
                var setup: [CURLcode] = [
                    ccurl_set_error_buffer(handle, buffer.baseAddress),
                    ccurl_set_string(handle, CURLOPT_URL, server.url),
                    ccurl_set_string(handle, CURLOPT_MAIL_FROM, "<\(from)>"),
                    ccurl_set_slist(handle, CURLOPT_MAIL_RCPT, recipients),
                    ccurl_set_long(handle, CURLOPT_UPLOAD, 1),
                    ccurl_set_read_function(handle, readCallback),
                    ccurl_set_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque()),
                    ccurl_set_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count)),
                    ccurl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
                    ccurl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
                    ccurl_set_long(handle, CURLOPT_CONNECTTIMEOUT, server.timeoutSeconds),
                    ccurl_set_long(handle, CURLOPT_TIMEOUT, server.timeoutSeconds * 4),
                    ccurl_set_long(handle, CURLOPT_NOSIGNAL, 1),
                    // The debug callback keeps the server's reply lines; VERBOSE turns it on and
                    // nothing is printed, because the callback replaces libcurl's own output.
                    ccurl_set_debug_function(handle, debugCallback),
                    ccurl_set_pointer(handle, CURLOPT_DEBUGDATA, Unmanaged.passUnretained(talk).toOpaque()),
                    ccurl_set_long(handle, CURLOPT_VERBOSE, 1),
                ]
                if server.startTLS { setup.append(ccurl_set_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))) }
                if let ca = server.caFile { setup.append(ccurl_set_string(handle, CURLOPT_CAINFO, ca)) }
                if let user = server.user { setup.append(ccurl_set_string(handle, CURLOPT_USERNAME, user)) }
                if let password = server.password { setup.append(ccurl_set_string(handle, CURLOPT_PASSWORD, password)) }
                if let bad = setup.first(where: { $0 != CURLE_OK }) { return bad }
                return curl_easy_perform(handle)
            }
        }
        guard code != CURLE_OK else { return }
        var reply: CLong = 0
        _ = ccurl_get_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        let words = String(cString: curl_easy_strerror(code))
        let extra = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let detail = extra.isEmpty || extra == words ? words : "\(words): \(extra)"
        throw SMTPFailure(replyCode: reply > 0 ? reply : nil, reply: talk.lastReply, detail: detail)
    }

    /// The message bytes and how far libcurl has read them.
    private final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    /// The server's reply lines (CURLINFO_HEADER_IN), the last reply kept.
    private final class Transcript {
        var lines: [String] = []
        /// The last reply: its lines (a multi-line reply has "250-" lines before "250 ").
        var lastReply: String? {
            guard let last = lines.last else { return nil }
            var reply = [last]
            let code = last.prefix(3)
            for l in lines.dropLast().reversed() where l.hasPrefix(code + "-") { reply.insert(l, at: 0) }
            return reply.joined(separator: " ")
        }
    }

    private static let readCallback: ccurl_read_callback = { buffer, size, count, userdata in
        guard let buffer, let userdata else { return 0 }
        let upload = Unmanaged<Upload>.fromOpaque(userdata).takeUnretainedValue()
        let n = min(size * count, upload.bytes.count - upload.offset)
        guard n > 0 else { return 0 }
        upload.bytes.withUnsafeBufferPointer { src in
            UnsafeMutableRawPointer(buffer).copyMemory(from: src.baseAddress! + upload.offset, byteCount: n)
        }
        upload.offset += n
        return n
    }

    private static let debugCallback: ccurl_debug_callback = { _, type, data, size, userdata in
        // Only what the server sent: CURLINFO_HEADER_OUT holds our commands, AUTH included.
        guard type == CURLINFO_HEADER_IN, let data, let userdata else { return 0 }
        let talk = Unmanaged<Transcript>.fromOpaque(userdata).takeUnretainedValue()
        let raw = UnsafeRawBufferPointer(start: data, count: size)
        let text = String(decoding: raw, as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            talk.lines.append(String(line))
        }
        if talk.lines.count > 64 { talk.lines.removeFirst(talk.lines.count - 64) }
        return 0
    }
}
