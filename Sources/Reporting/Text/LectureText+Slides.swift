import Foundation

// MARK: - The slide deck

extension LectureText {
    /// The deck's title slide.
    var deckTitle: String { pick("Gradient descent: the lecture's figures", "Gradienttimenetelmä: luennon kuvat") }
    /// The title slide's subtitle.
    var deckSubtitle: String {
        pick("One figure per slide; its caption is in the speaker notes",
             "Yksi kuva kalvoa kohden; kuvateksti on puhujan muistiinpanoissa")
    }
    /// What a build slide of the worked step shows: the start, or the first `shown` of `total` steps.
    func stepBuild(shown: Int, of total: Int) -> String {
        shown == 0 ? pick("start", "alku") : pick("step \(shown) of \(total)", "askel \(shown)/\(total)")
    }
    /// The notes of a build slide: which state of the whole figure it shows.
    func buildNote(_ state: String) -> String {
        pick("Build slide (\(state)); the next slides add more of the same figure.",
             "Vaiheittain rakentuva kalvo (\(state)); seuraavat kalvot lisäävät samaan kuvaan.")
    }
    /// A build slide's state in the training path: "epoch 5 of 300".
    func epochBuild(_ epoch: Int, of last: Int) -> String {
        pick("epoch \(epoch) of \(last)", "epookki \(epoch)/\(last)")
    }
    /// The language tag of text runs in the deck, for spelling and hyphenation.
    var languageTag: String { pick("en-US", "fi-FI") }
}
