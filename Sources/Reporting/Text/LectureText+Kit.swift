import Foundation
import Training

// MARK: - The kit's captions

extension LectureText {
    /// A run in a caption: "300 epochs of SGD, learning rate 0.001".
    func captionRun(epochs: Int, optimizer: String, learningRate: String) -> String {
        pick("\(epochs) epochs of \(optimizer), learning rate \(learningRate)",
             "\(epochs) epookkia, \(optimizer), oppimisnopeus \(learningRate)")
    }

    /// A value with its unit when known: "3.91 cm", "3.91".
    func withUnit(_ value: String, _ unit: String?) -> String {
        unit.map { $0.isEmpty ? value : "\(value) \($0)" } ?? value
    }

    /// One model's numbers in the two-model captions: "linear MAE 3.91 cm, MSE 0.1553".
    func captionModelErrors(model: String, mae: String, unit: String?, mse: String) -> String {
        "\(model) MAE \(withUnit(mae, unit)), MSE \(mse)"
    }

    /// A diverged model in the two-model captions: "cubic diverged at epoch 1 (MSE > 10¹²)".
    func captionModelDiverged(model: String, stop: String) -> String { "\(model) \(stop)" }

    /// The caption of the figures that show several models; `better` names the model with
    /// clearly the lowest MSE (below 0.8 of the next), nil when they fit about equally well
    /// (or fewer than two ran to the end).
    func captionBothModels(_ parts: [String], better: String?, compared: Bool) -> String {
        let verdict: String
        if !compared { verdict = "" } else if let better {
            verdict = pick(" The \(better) model follows the data more closely.", " Malli (\(better)) seuraa dataa tarkemmin.")
        } else {
            verdict = pick(" The models fit about equally well.", " Mallit sopivat dataan lähes yhtä hyvin.")
        }
        return pick("The models side by side: \(parts.joined(separator: "; ")).", "Mallit rinnakkain: \(parts.joined(separator: "; ")).") + verdict
    }

    /// The fit figure's caption.
    func captionFit(model: String, run: String, equation: String, mse: String, mae: String, unit: String?, optimum: String) -> String {
        pick("The \(model) model after \(run): \(equation). MSE \(mse) (normalised), MAE \(withUnit(mae, unit)); the closed-form optimum is \(optimum).",
             "Malli (\(model)), \(run): \(equation). MSE \(mse) (normalisoitu), MAE \(withUnit(mae, unit)); suljetun muodon optimi on \(optimum).")
    }

    /// The loss figure's caption; `stop` says why training stopped ("stopped at epoch 65: MSE
    /// stopped decreasing").
    func captionLoss(model: String, start: String, mse: String, epochs: Int, stop: String, optimum: String) -> String {
        pick("MSE per epoch of the \(model) model: from \(start) at the start to \(mse) after \(epochs) epochs (\(stop)). The dashed line is the closed-form minimum, \(optimum).",
             "Mallin (\(model)) MSE epookeittain: alussa \(start), \(epochs) epookin jälkeen \(mse) (\(stop)). Katkoviiva on suljetun muodon minimi \(optimum).")
    }

    /// The training figure's caption.
    func captionTraining(model: String, epoch: Int, mse: String) -> String {
        pick("The notebook's view of the \(model) model at its last epoch, \(epoch): the fit over the data and the MSE so far (\(mse)).",
             "Muistion näkymä mallista (\(model)) viimeisellä epookilla \(epoch): sovite datan päällä ja MSE tähän asti (\(mse)).")
    }

    /// The landscape figure's caption.
    func captionLandscape(model: String, epochs: Int, distance: String, optimum: String) -> String {
        pick("The exact MSE surface of the \(model) model (from the quadratic form, no sampling error) with the optimizer's path: \(epochs) epochs, ending \(distance) from the closed-form optimum (MSE \(optimum)).",
             "Mallin (\(model)) tarkka MSE-pinta (neliömuodosta) ja optimoijan polku: \(epochs) epookkia, loppupiste \(distance) päässä suljetun muodon optimista (MSE \(optimum)).")
    }

    /// The normalization figure's caption.
    /// `narrower`: the raw condition number is at least ten times the z-scored one.
    func captionNormalization(fraction: String, condition: String, limit: String, rawCondition: String, narrower: Bool) -> String {
        let raw = narrower ? pick(", so its valley is long and narrow", ", joten laakso on pitkä ja kapea")
            : pick(", and its valley is not much narrower", ", eikä laakso ole paljon kapeampi")
        return pick("The same gradient descent on raw and on z-scored data, each at \(fraction) of its own stable limit. On z-scores the Hessian's condition number is \(condition) and any step below 2/λmax = \(limit) is stable; on the raw data it is \(rawCondition)\(raw).",
                    "Sama gradienttimenetelmä normalisoimattomalla ja z-normalisoidulla datalla, kumpikin \(fraction)-kertaisella omalla vakausrajallaan. Z-arvoilla Hessen matriisin ehtoluku on \(condition) ja jokainen askel alle 2/λmax = \(limit) on vakaa; normalisoimattomalla datalla se on \(rawCondition)\(raw).")
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

    /// The chain-rule figure's caption.
    func captionChainRule(model: String, sample: String, epoch: Int, prediction: String, target: String, error: String, loss: String,
                          gradient: String, rate: String) -> String {
        pick("One sample, \(sample), through the \(model) model at epoch \(epoch) (z-scores): forward ŷ = \(prediction) against y = \(target), so e = \(error) and ℓ = e² = \(loss); backward the chain rule multiplies ∂ℓ/∂ŷ = 2e by each input: \(gradient). With η = \(rate) each parameter moves by −η times its gradient.",
             "Yksi näyte, \(sample), mallin (\(model)) läpi epookilla \(epoch) (z-arvot): eteenpäin ŷ = \(prediction) ja y = \(target), joten e = \(error) ja ℓ = e² = \(loss); taaksepäin ketjusääntö kertoo derivaatan ∂ℓ/∂ŷ = 2e kunkin parametrin syötteellä: \(gradient). Kun η = \(rate), jokainen parametri muuttuu −η kertaa gradienttinsa.")
    }

    /// The degree sweep's caption.
    func captionDegreeSweep(count: Int, first: Int, last: Int, trainingFirst: String, trainingLast: String, best: Int, bestValue: String,
                            looLast: String) -> String {
        pick("Closed-form polynomial fits of degrees \(first) to \(last) on the \(count) points. The training error only falls, from \(trainingFirst) to \(trainingLast); the leave-one-out error, each point predicted from a fit without it, is lowest at degree \(best) (\(bestValue)) while at degree \(last) the fit nearly passes through every point (training \(trainingLast)) yet predicts a left-out point badly (\(looLast)): it fits the noise, not the trend.",
             "Suljetun muodon polynomisovitteet asteilla \(first)–\(last), sovitettuina kaikkiin \(count) pisteeseen. Opetusvirhe vain pienenee, arvosta \(trainingFirst) arvoon \(trainingLast); leave-one-out-virhe, jossa jokainen piste ennustetaan ilman sitä tehdystä sovitteesta, on pienin asteella \(best) (\(bestValue)), kun taas asteella \(last) sovite kulkee lähes jokaisen pisteen kautta (opetus \(trainingLast)) mutta ennustaa pois jätetyn pisteen huonosti (\(looLast)): se sovittuu kohinaan eikä trendiin.")
    }

    /// One model in the residuals caption: "linear from −7.1 cm to +7.7 cm".
    func captionResidualRange(model: String, low: String, high: String) -> String {
        pick("\(model) from \(low) to \(high)", "\(model) \(low) … \(high)")
    }
    /// The residuals figure's caption.
    func captionResiduals(_ parts: [String], people: Bool) -> String {
        let rows = people ? pick("person", "henkilö") : pick("data point", "datapiste")
        return pick("Each \(rows)'s residual, actual minus predicted, against the input: \(parts.joined(separator: "; ")). A pattern left in the residuals is what the model misses; a good fit leaves them scattered around zero.",
                    "Jokaisen \(people ? "henkilön" : "datapisteen") residuaali, todellinen miinus ennuste, syötteen funktiona: \(parts.joined(separator: "; ")). Residuaaleihin jäävä kuvio on se, mitä malli ei tavoita; hyvä sovite jättää ne hajalleen nollan ympärille.")
    }

    /// The schedules figure's caption; `results` lists each schedule's MSE above the minimum as the figure's legend states it.
    func captionSchedules(model: String, optimizer: String, rate: String, epochs: Int, results: String) -> String {
        pick("Five learning-rate schedules on the \(model) model, each with \(optimizer) from the same start at base rate \(rate) for \(epochs) epochs: step and exponential decay shrink η, cosine lowers it smoothly to 0 at the last update, warmup raises it first. MSE − minimum: \(results).",
             "Viisi oppimisnopeuden aikataulua mallilla (\(model)), jokainen \(optimizer) samasta alusta perusnopeudella \(rate), \(epochs) epookkia: porras- ja eksponentiaalinen vaimennus pienentävät η:aa, kosini laskee sen tasaisesti nollaan viimeiseen päivitykseen mennessä ja lämmittely nostaa sitä ensin. MSE − minimi: \(results).")
    }

    /// The interpolation figure's caption.
    func captionInterpolation(model: String, run: String, start: String, end: String) -> String {
        pick("The MSE of the \(model) model on the straight line from the start θ₀ (α = 0, MSE \(start)) to the end θ_T of \(run) (α = 1, MSE \(end)), dashed beyond both ends. Training did not follow this line; a rise between the ends would be a barrier between start and end (Goodfellow et al. 2015).",
             "Mallin (\(model)) MSE suoralla alusta θ₀ (α = 0, MSE \(start)) loppuun θ_T (\(run); α = 1, MSE \(end)), katkoviivalla päiden ulkopuolella. Opetus ei kulkenut tätä suoraa; nousu päiden välillä olisi este alun ja lopun välissä (Goodfellow ym. 2015).")
    }

    /// The parameters figure's caption.
    func captionParameters(model: String, run: String, final: String, optimum: String, start: String, end: String) -> String {
        pick("The parameters of the \(model) model during \(run): at the end \(final); the closed-form optimum (dashed) is \(optimum). The gradient norm ‖∇MSE‖ goes from \(start) at the start to \(end) at the end: the steps shrink as the slope flattens.",
             "Mallin (\(model)) parametrit opetuksen aikana (\(run)): lopussa \(final); suljetun muodon optimi (katkoviiva) on \(optimum). Gradientin normi ‖∇MSE‖ muuttuu alun arvosta \(start) loppuarvoon \(end): askeleet lyhenevät, kun rinne loivenee.")
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
    /// The per-row table's first column when the data has no names.
    var rowColumn: String { pick("row", "rivi") }
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

    /// What the reports' introductions say about the data and the runs, every number already
    /// formatted; nothing in them is assumed (people, kilograms, SGD), all of it is read from the
    /// data set and the runs.
    struct ReportFacts {
        /// Rows in the data set.
        var count: Int
        /// The notebook's kind of data (weight in kg predicting height in cm): rows are people.
        var people: Bool
        /// Axis labels with units: "weight (kg)".
        var xLabel: String, yLabel: String
        /// Variable names: "weight".
        var xVariable: String, yVariable: String
        /// Units, if known: "kg".
        var xUnit: String?, yUnit: String?
        /// Means and standard deviations of x and y.
        var xMean: String, xStd: String, yMean: String, yStd: String
        /// The least-squares line in original units (empty without a linear model).
        var line: String
        /// How the linear model was trained: ``trainingDescription(optimizer:shuffled:people:rate:epochs:)``.
        var linearTraining: String
        /// Why the cubic model stopped: "stopped at epoch 65: MSE stopped decreasing".
        var cubicStop: String
    }

    /// "10 people" / "25 data points".
    func dataPoints(_ count: Int, people: Bool) -> String {
        if people { return pick("\(count) \(count == 1 ? "person" : "people")", "\(count) \(count == 1 ? "henkilö" : "henkilöä")") }
        return pick("\(count) data point\(count == 1 ? "" : "s")", "\(count) \(count == 1 ? "datapiste" : "datapistettä")")
    }

    /// "one update per person" and the order: how many updates an epoch of `optimizer` makes.
    func trainingDescription(optimizer: Optimizer, shuffled: Bool, people: Bool, rate: String, epochs: Int) -> String {
        let name = optimizerName(optimizer.name)
        let point = people ? pick("person", "henkilöä") : pick("data point", "datapistettä")
        let order = shuffled ? pick("in a new random order every epoch", "järjestys sekoitetaan joka epookilla")
            : pick("in the file's order", "tiedoston järjestyksessä")
        let updates: String
        switch optimizer {
        case .gd: updates = pick("one update per epoch from the whole data set", "yksi päivitys epookissa koko datasta")
        case .minibatch(let size):
            updates = pick("one update per batch of \(size), \(order)", "yksi päivitys \(size) pisteen erää kohden, \(order)")
        case .sgd, .momentum, .adam:
            updates = pick("one update per \(point), \(order)", "yksi päivitys \(point) kohden, \(order)")
        }
        return pick("\(name): \(updates); learning rate \(rate), \(epochs) epochs.",
                    "\(name): \(updates); oppimisnopeus \(rate), \(epochs) epookkia.")
    }

    /// The reports' nine sections, in lecture order.
    func reportSections(_ facts: ReportFacts) -> [ReportSection] {
        func withUnit(_ value: String, _ unit: String?) -> String { unit.map { "\(value) \($0)" } ?? value }
        let xStats = pick("\(facts.xVariable): mean \(withUnit(facts.xMean, facts.xUnit)), std \(withUnit(facts.xStd, facts.xUnit))",
                          "\(facts.xVariable): keskiarvo \(withUnit(facts.xMean, facts.xUnit)), keskihajonta \(withUnit(facts.xStd, facts.xUnit))")
        let yStats = pick("\(facts.yVariable): mean \(withUnit(facts.yMean, facts.yUnit)), std \(withUnit(facts.yStd, facts.yUnit))",
                          "\(facts.yVariable): keskiarvo \(withUnit(facts.yMean, facts.yUnit)), keskihajonta \(withUnit(facts.yStd, facts.yUnit))")
        let line = facts.line.isEmpty ? "" : pick(" The least-squares line in original units is \(facts.line).",
                                                   " Pienimmän neliösumman suora alkuperäisissä yksiköissä on \(facts.line).")
        let errorUnit = facts.yUnit.map { pick(" in \($0)", " (\($0))") } ?? ""
        if language == .english {
            return [
                ReportSection(heading: "1. The data", introduction: "\(dataPoints(facts.count, people: facts.people)); input \(facts.xLabel), target \(facts.yLabel). Both are z-scored with the population standard deviation: \(xStats); \(yStats).\(line)"),
                ReportSection(heading: "2. Why normalisation matters", introduction: "Gradient descent on the raw data and on z-scores, with the Hessian's eigenvalues and the stable step limit."),
                ReportSection(heading: "3. Training the linear model", introduction: facts.linearTraining),
                ReportSection(heading: "4. The loss landscape and the path", introduction: "The exact MSE over the parameters and the way the optimizer walked; one slice with its tangent."),
                ReportSection(heading: "5. The cubic model", introduction: "The cubic model \(facts.cubicStop)."),
                ReportSection(heading: "6. Linear vs cubic", introduction: "Both models over the data, and the error of each \(facts.people ? "person" : "data point")\(errorUnit)."),
                ReportSection(heading: "7. A gradient step by hand", introduction: "The slides' worked example, every number computed."),
                ReportSection(heading: "8. Learning rates and optimizers", introduction: "What the step size does, and how other optimizers walk the same surface."),
                dynamicsSection,
            ]
        }
        return [
            ReportSection(heading: "1. Data", introduction: "\(dataPoints(facts.count, people: facts.people)); syöte \(facts.xLabel), ennustettava \(facts.yLabel). Molemmat z-normalisoidaan populaation keskihajonnalla: \(xStats); \(yStats).\(line)"),
            ReportSection(heading: "2. Miksi normalisointi auttaa", introduction: "Gradienttimenetelmä normalisoimattomalla datalla ja z-arvoilla, Hessen matriisin ominaisarvot ja vakaan askeleen raja."),
            ReportSection(heading: "3. Lineaarisen mallin opetus", introduction: facts.linearTraining),
            ReportSection(heading: "4. Häviöpinta ja polku", introduction: "Tarkka MSE parametrien funktiona ja optimoijan kulkema polku; yksi leikkaus tangentteineen."),
            ReportSection(heading: "5. Kuutiollinen malli", introduction: "Kuutiollinen malli \(facts.cubicStop)."),
            ReportSection(heading: "6. Lineaarinen vai kuutiollinen", introduction: "Molemmat mallit datan päällä ja virhe \(facts.people ? "henkilöittäin" : "datapisteittäin")\(errorUnit)."),
            ReportSection(heading: "7. Gradienttiaskel käsin", introduction: "Kalvojen laskuesimerkki, jokainen luku laskettuna."),
            ReportSection(heading: "8. Oppimisnopeus ja optimoijat", introduction: "Mitä askeleen pituus tekee ja miten muut optimoijat kulkevat saman pinnan."),
            dynamicsSection,
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
