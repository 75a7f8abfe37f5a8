import Foundation

// MARK: - The kit's captions

extension LectureText {
    /// A run in a caption: "300 epochs of SGD, learning rate 0.001".
    func captionRun(epochs: Int, optimizer: String, learningRate: String) -> String {
        pick("\(epochs) epochs of \(optimizer), learning rate \(learningRate)",
             "\(epochs) epookkia, \(optimizer), oppimisnopeus \(learningRate)")
    }

    /// One model's numbers in the two-model captions: "linear MAE 3.91 cm, MSE 0.1553".
    func captionModelErrors(model: String, mae: String, unit: String, mse: String) -> String {
        "\(model) MAE \(mae) \(unit), MSE \(mse)"
    }

    /// The caption of the figures that show both models.
    func captionBothModels(_ parts: [String]) -> String {
        pick("The linear and the cubic model side by side: \(parts.joined(separator: "; ")). The cubic follows the data visibly better.",
             "Lineaarinen ja kuutiollinen malli rinnakkain: \(parts.joined(separator: "; ")). Kuutiollinen malli seuraa dataa selvästi paremmin.")
    }

    /// The fit figure's caption.
    func captionFit(model: String, run: String, equation: String, mse: String, mae: String, unit: String, optimum: String) -> String {
        pick("The \(model) model after \(run): \(equation). MSE \(mse) (normalised), MAE \(mae) \(unit); the closed-form optimum is \(optimum).",
             "Malli (\(model)), \(run): \(equation). MSE \(mse) (normalisoitu), MAE \(mae) \(unit); suljetun muodon optimi on \(optimum).")
    }

    /// The loss figure's caption; `stopReason` is only shown in English (the history's own words).
    func captionLoss(model: String, start: String, mse: String, epochs: Int, stopReason: String, optimum: String) -> String {
        pick("MSE per epoch of the \(model) model: from \(start) at the start to \(mse) after \(epochs) epochs (\(stopReason)). The dashed line is the closed-form minimum, \(optimum).",
             "Mallin (\(model)) MSE epookeittain: alussa \(start), \(epochs) epookin jälkeen \(mse). Katkoviiva on suljetun muodon minimi \(optimum).")
    }

    /// The training figure's caption.
    func captionTraining(model: String, epoch: Int, mse: String) -> String {
        pick("The notebook's view of the \(model) model at its last epoch, \(epoch): the fit in centimetres and the MSE so far (\(mse)).",
             "Muistion näkymä mallista (\(model)) viimeisellä epookilla \(epoch): sovite senttimetreinä ja MSE tähän asti (\(mse)).")
    }

    /// The landscape figure's caption.
    func captionLandscape(model: String, epochs: Int, distance: String, optimum: String) -> String {
        pick("The exact MSE surface of the \(model) model (from the quadratic form, no sampling error) with the optimizer's path: \(epochs) epochs, ending \(distance) from the closed-form optimum (MSE \(optimum)).",
             "Mallin (\(model)) tarkka MSE-pinta (neliömuodosta) ja optimoijan polku: \(epochs) epookkia, loppupiste \(distance) päässä suljetun muodon optimista (MSE \(optimum)).")
    }

    /// The normalization figure's caption.
    func captionNormalization(condition: String, limit: String) -> String {
        pick("The same gradient descent on raw and on z-scored data. On z-scores the Hessian is well conditioned (condition number \(condition)) and any step below 2/λmax = \(limit) is stable; on raw kilograms the valley is long and narrow.",
             "Sama gradienttimenetelmä normalisoimattomalla ja z-normalisoidulla datalla. Z-arvoilla Hessen matriisi on hyvin ehdollistettu (ehtoluku \(condition)) ja jokainen askel alle 2/λmax = \(limit) on vakaa; kilogrammoina laakso on pitkä ja kapea.")
    }

    /// The learning-rate sweep's caption.
    func captionLearningRateSweep(model: String, limit: String) -> String {
        pick("Full-batch gradient descent on the \(model) model with learning rates around the stable limit 2/λmax = \(limit): below it the loss falls, above it the run diverges.",
             "Täyden erän gradienttimenetelmä mallille (\(model)) eri oppimisnopeuksilla vakausrajan 2/λmax = \(limit) molemmin puolin: sen alla häviö pienenee, sen yllä ajo hajaantuu.")
    }

    /// The slice figure's caption.
    func captionSlice(model: String) -> String {
        pick("The loss of the \(model) model along one parameter, the others fixed: the tangent's slope is the gradient, and the arrow is one step of −learning rate × gradient.",
             "Mallin (\(model)) häviö yhden parametrin suhteen muiden pysyessä kiinteinä: tangentin kulmakerroin on gradientti ja nuoli on yksi askel −oppimisnopeus × gradientti.")
    }

    /// The worked step's caption.
    func captionStep(initialWeight: String, learningRate: String, weights: String) -> String {
        pick("The slides' worked example: ŷ = w·x², training point (2, 8), w0 = \(initialWeight), learning rate \(learningRate). Each step computes the prediction, the gradient dL/dw = −2(y − ŷ)·x² and the update: w = \(weights).",
             "Kalvojen laskuesimerkki: ŷ = w·x², opetuspiste (2, 8), w0 = \(initialWeight), oppimisnopeus \(learningRate). Jokainen askel laskee ennusteen, gradientin dL/dw = −2(y − ŷ)·x² ja päivityksen: w = \(weights).")
    }

    /// The optimizer comparison's caption.
    func captionCompareOptimizers(model: String) -> String {
        pick("SGD, full-batch gradient descent, momentum and Adam from the same start on the \(model) model's exact loss surface.",
             "SGD, täyden erän gradienttimenetelmä, momentum ja Adam samasta alkupisteestä mallin (\(model)) tarkalla häviöpinnalla.")
    }
}

// MARK: - The kit's reports

extension LectureText {
    /// The reports' title.
    var kitTitle: String { pick("Gradient descent: the lecture kit", "Gradienttimenetelmä: luentopaketti") }
    /// The handout cover's subtitle.
    var handoutSubtitle: String { pick("Figures, numbers and captions for the lecture", "Luennon kuvat, luvut ja kuvatekstit") }
    /// The per-person table's first column.
    var nameColumn: String { pick("name", "nimi") }
    /// The line under a per-person table that shows only its first rows.
    func tableRowsShown(shown: Int, total: Int, file: String) -> String {
        pick("The first \(shown) of \(total) rows; all of them are in \(file).",
             "Ensimmäiset \(shown) riviä \(total) rivistä; kaikki ovat tiedostossa \(file).")
    }

    /// A section of the reports: heading and introduction.
    struct ReportSection {
        let heading: String
        let introduction: String
    }

    /// The reports' eight sections, in lecture order. `count`, the means and standard deviations
    /// and `line` (the least-squares line in original units) are already formatted.
    func reportSections(count: Int, xMean: String, xStd: String, yMean: String, yStd: String, line: String) -> [ReportSection] {
        if language == .english {
            return [
                ReportSection(heading: "1. The data", introduction: "\(count) people, weight in kg and height in cm. Both are z-scored with the population standard deviation: weight mean \(xMean), std \(xStd); height mean \(yMean), std \(yStd). The least-squares line in centimetres is \(line)."),
                ReportSection(heading: "2. Why normalisation matters", introduction: "Gradient descent on raw kilograms and on z-scores, with the Hessian's eigenvalues and the stable step limit."),
                ReportSection(heading: "3. Training the linear model", introduction: "Stochastic gradient descent as in the notebook: one update per person, shuffled every epoch."),
                ReportSection(heading: "4. The loss landscape and the path", introduction: "The exact MSE over the parameters and the way the optimizer walked; one slice with its tangent."),
                ReportSection(heading: "5. The cubic model", introduction: "The cubic model stops at the first epoch whose MSE does not decrease."),
                ReportSection(heading: "6. Linear vs cubic", introduction: "Both models over the data, and the per-person errors in centimetres."),
                ReportSection(heading: "7. A gradient step by hand", introduction: "The slides' worked example, every number computed."),
                ReportSection(heading: "8. Learning rates and optimizers", introduction: "What the step size does, and how other optimizers walk the same surface."),
            ]
        }
        return [
            ReportSection(heading: "1. Data", introduction: "\(count) henkilöä, paino kilogrammoina ja pituus senttimetreinä. Molemmat z-normalisoidaan populaation keskihajonnalla: painon keskiarvo \(xMean), keskihajonta \(xStd); pituuden keskiarvo \(yMean), keskihajonta \(yStd). Pienimmän neliösumman suora senttimetreinä on \(line)."),
            ReportSection(heading: "2. Miksi normalisointi auttaa", introduction: "Gradienttimenetelmä kilogrammoilla ja z-arvoilla, Hessen matriisin ominaisarvot ja vakaan askeleen raja."),
            ReportSection(heading: "3. Lineaarisen mallin opetus", introduction: "Stokastinen gradienttimenetelmä kuten muistiossa: yksi päivitys henkilöä kohden, järjestys sekoitetaan joka epookilla."),
            ReportSection(heading: "4. Häviöpinta ja polku", introduction: "Tarkka MSE parametrien funktiona ja optimoijan kulkema polku; yksi leikkaus tangentteineen."),
            ReportSection(heading: "5. Kuutiollinen malli", introduction: "Kuutiollinen malli pysähtyy ensimmäiseen epookkiin, jolla MSE ei pienene."),
            ReportSection(heading: "6. Lineaarinen vai kuutiollinen", introduction: "Molemmat mallit datan päällä ja henkilökohtaiset virheet senttimetreinä."),
            ReportSection(heading: "7. Gradienttiaskel käsin", introduction: "Kalvojen laskuesimerkki, jokainen luku laskettuna."),
            ReportSection(heading: "8. Oppimisnopeus ja optimoijat", introduction: "Mitä askeleen pituus tekee ja miten muut optimoijat kulkevat saman pinnan."),
        ]
    }

    /// The explorer's heading: "Scrub through training (linear model)".
    func explorerHeading(model: String) -> String {
        pick("Scrub through training (\(model) model)", "Selaa opetusta (malli: \(model))")
    }

    /// The explorer's instructions.
    var explorerHint: String {
        pick("Drag the slider: the fitted curve (left), the path on the exact loss surface (right) and the numbers follow the epoch.",
             "Vedä liukusäädintä: sovitettu käyrä (vasemmalla), polku tarkalla häviöpinnalla (oikealla) ja luvut seuraavat epookkia.")
    }
}
