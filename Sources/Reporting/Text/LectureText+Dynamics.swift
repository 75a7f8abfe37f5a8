import Foundation

// MARK: - overshoot

extension LectureText {
    /// "Overshooting: gradient descent along the steepest curvature (linear model)".
    func overshootTitle(model: String) -> String {
        pick("Overshooting: gradient descent along the steepest curvature (\(modelName(model)) model)",
             "Yliampuminen: gradienttimenetelmä jyrkimmän kaarevuuden suunnassa (malli: \(modelName(model)))")
    }

    /// The subtitle stating the convention: `λ` is an eigenvalue of `2G = (2/N)XᵀX`.
    func overshootSubtitle(eigenvalue: String, isotropic: Bool) -> String {
        if isotropic {
            return pick("λ = \(eigenvalue) is every eigenvalue of the Hessian 2G = (2/N)XᵀX of the MSE, so any direction v will do: L(θ* + x·v) = L* + ½λx², so each step makes x ← (1 − ηλ)·x",
                        "λ = \(eigenvalue) on MSE:n Hessen matriisin 2G = (2/N)XᵀX jokainen ominaisarvo, joten mikä tahansa suunta v käy: L(θ* + x·v) = L* + ½λx², joten jokainen askel on x ← (1 − ηλ)·x")
        }
        return pick("λ = \(eigenvalue), the largest eigenvalue of the Hessian 2G = (2/N)XᵀX of the MSE: L(θ* + x·v) = L* + ½λx², so each step makes x ← (1 − ηλ)·x",
             "λ = \(eigenvalue) on MSE:n Hessen matriisin 2G = (2/N)XᵀX suurin ominaisarvo: L(θ* + x·v) = L* + ½λx², joten jokainen askel on x ← (1 − ηλ)·x")
    }

    /// The 1-D curve's legend.
    var lossAlongLine: String { pick("MSE along the line θ* + x·v", "MSE suoralla θ* + x·v") }

    /// The horizontal axis of the 1-D panel.
    var overshootCoordinate: String {
        pick("x = v·(θ − θ*) along the top eigenvector v", "x = v·(θ − θ*) suurimman ominaisarvon ominaisvektorin v suunnassa")
    }

    /// What `x ← factor·x` does: converge, reach the minimum in one step, oscillate, diverge.
    func overshootBehaviour(factor: Double) -> String {
        if abs(factor) > 1 { return pick("diverges", "hajaantuu") }
        if abs(factor) < 1e-9 { return pick("one step to the minimum", "minimiin yhdellä askeleella") }
        if factor < 0 { return pick("oscillates", "värähtelee") }
        return pick("converges", "suppenee")
    }

    /// A path's legend: "η = 1.5/λ = 0.75: x ← −0.5·x, oscillates".
    func overshootPath(multiple: String, learningRate: String, factor: String, behaviour: String) -> String {
        "η = \(multiple)/λ = \(learningRate): x ← \(factor)·x, \(behaviour)"
    }

    /// The contraction panel's horizontal axis.
    var learningRateEta: String { pick("learning rate η", "oppimisnopeus η") }
    /// The contraction panel's vertical axis.
    var contractionFactor: String { pick("contraction factor |1 − ηλ|", "supistuskerroin |1 − ηλ|") }
    /// The contraction curve's legend.
    var contractionPerStep: String { pick("|1 − ηλ| per step", "|1 − ηλ| askelta kohden") }
    /// The stable limit's legend: "stable limit η = 2/λ = 1".
    func stableLimitAt(_ value: String) -> String {
        pick("limit 2/λ = \(value)", "raja 2/λ = \(value)")
    }

    /// The overshoot figure's caption.
    func captionOvershoot(model: String, eigenvalue: String, steps: [String], limit: String) -> String {
        pick("Gradient descent on the \(model) model's MSE along the Hessian's top eigenvector (λ = \(eigenvalue), Hessian 2G = (2/N)XᵀX), so each step multiplies the distance x to the minimum by 1 − ηλ: \(steps.joined(separator: "; ")). Beyond 2/λ = \(limit) every step overshoots further.",
             "Gradienttimenetelmä mallin (\(model)) MSE:lle Hessen matriisin suurimman ominaisarvon ominaisvektorin suunnassa (λ = \(eigenvalue), Hessen matriisi 2G = (2/N)XᵀX), joten jokainen askel kertoo etäisyyden x minimiin luvulla 1 − ηλ: \(steps.joined(separator: "; ")). Rajan 2/λ = \(limit) yläpuolella jokainen askel ampuu yhä pidemmälle yli.")
    }
}

// MARK: - The reports' section

extension LectureText {
    /// The reports' section of the figures that look inside gradient descent.
    var dynamicsSection: ReportSection {
        language == .english ? ReportSection(heading: "9. Inside gradient descent",
                           introduction: "Why a step can overshoot, which way the gradient points, how noisy a single example's gradient is, what the optimizers carry from step to step, and the loss as a surface.")
            : ReportSection(heading: "9. Gradienttimenetelmän sisällä",
                           introduction: "Miksi askel voi ampua yli, mihin gradientti osoittaa, kuinka kohinainen yhden esimerkin gradientti on, mitä optimoijat kuljettavat askeleesta toiseen, ja häviö pintana.")
    }
}

// MARK: - gradient-field

extension LectureText {
    /// "Which way the gradient pushes: −∇MSE over w, b (linear model)".
    func gradientFieldTitle(model: String, plane: String) -> String {
        pick("Which way the gradient pushes: −∇MSE over \(plane) (\(modelName(model)) model)",
             "Mihin gradientti työntää: −∇MSE tasossa \(plane) (malli: \(modelName(model)))")
    }

    /// The subtitle with the arrows' one scale: "each arrow is 0.25·(−∇MSE) at its tail".
    func gradientFieldSubtitle(scale: String, isotropic: Bool) -> String {
        if isotropic {
            return pick("Each arrow is \(scale)·(−∇MSE) at its tail, across the contours; v₁, v₂: the Hessian's eigenvectors at the minimum (λ₁ = λ₂: any direction)",
                        "Jokainen nuoli on \(scale)·(−∇MSE) alkupisteessään, tasa-arvokäyrien poikki; v₁, v₂: Hessen matriisin ominaisvektorit minimissä (λ₁ = λ₂: mikä tahansa suunta)")
        }
        return pick("Each arrow is \(scale)·(−∇MSE) at its tail, across the contours; v₁, v₂: the Hessian's eigenvectors at the minimum",
             "Jokainen nuoli on \(scale)·(−∇MSE) alkupisteessään, tasa-arvokäyrien poikki; v₁, v₂: Hessen matriisin ominaisvektorit minimissä")
    }

    /// An eigenvector's legend: "v₁: λ₁ = 2" (the subtitle says they are the Hessian's).
    func eigenvectorLabel(index: Int, lambda: String) -> String {
        let subscripted = LandscapePlane.displayName("\(index)")
        return "v\(subscripted): λ\(subscripted) = \(lambda)"
    }

    /// The gradient field's caption.
    func captionGradientField(model: String, plane: String, largest: String, smallest: String, ratio: String) -> String {
        if largest == smallest {
            return pick("The negative gradient of the \(model) model's MSE over \(plane): gradient descent follows the arrows, across the contours. The Hessian's eigenvalues are equal (λ = \(largest)), so the contours are circles and the arrows point straight at the minimum.",
                        "Mallin (\(model)) MSE:n negatiivinen gradientti tasossa \(plane): gradienttimenetelmä seuraa nuolia tasa-arvokäyrien poikki. Hessen matriisin ominaisarvot ovat yhtä suuret (λ = \(largest)), joten tasa-arvokäyrät ovat ympyröitä ja nuolet osoittavat suoraan minimiin.")
        }
        return pick("The negative gradient of the \(model) model's MSE over \(plane): gradient descent follows the arrows, across the contours. At the minimum the Hessian's eigenvectors span the contour ellipses; along the first (λ = \(largest)) the loss curves \(ratio) times as fast as along the second (λ = \(smallest)).",
             "Mallin (\(model)) MSE:n negatiivinen gradientti tasossa \(plane): gradienttimenetelmä seuraa nuolia tasa-arvokäyrien poikki. Minimissä Hessen matriisin ominaisvektorit ovat tasa-arvoellipsien akselit; ensimmäisen suunnassa (λ = \(largest)) häviö kaareutuu \(ratio) kertaa niin jyrkästi kuin toisen (λ = \(smallest)).")
    }

    /// The plane's own minimum (when the full optimum lies off the plane).
    var planeMinimum: String { pick("minimum on this plane", "minimi tässä tasossa") }
}

// MARK: - sgd-noise

extension LectureText {
    /// "Why SGD is noisy: every person's gradient at epoch 0 (linear model)".
    func gradientNoiseTitle(model: String, epoch: Int) -> String {
        pick("Why SGD is noisy: one gradient per data point at epoch \(epoch) (\(modelName(model)) model)",
             "Miksi SGD on kohinainen: gradientti datapisteittäin epookilla \(epoch) (malli: \(modelName(model)))")
    }

    /// The subtitle: the point and the formulas.
    func gradientNoiseSubtitle(point: String) -> String {
        pick("At \(point): ∇ℓᵢ = 2eᵢφᵢ for each row, their mean is ∇MSE; ellipses: 1σ of the mean of B rows drawn without replacement, Cov = (N − B)/(N − 1)·Σ/B",
             "Pisteessä \(point): ∇ℓᵢ = 2eᵢφᵢ jokaiselle riville, niiden keskiarvo on ∇MSE; ellipsit: 1σ B:n ilman takaisinpanoa poimitun rivin keskiarvolle, Cov = (N − B)/(N − 1)·Σ/B")
    }

    /// The per-sample arrows' legend.
    func perSampleGradients(shown: Int, total: Int) -> String {
        shown == total ? pick("∇ℓᵢ of each of the \(total) rows", "∇ℓᵢ, kaikki \(total) riviä")
            : pick("∇ℓᵢ of \(shown) of the \(total) rows", "∇ℓᵢ, \(shown)/\(total) riviä")
    }

    /// The full gradient's legend: "mean = ∇MSE = (−1.66, −0.2)".
    func fullGradient(a: String, b: String, separator: String) -> String {
        pick("mean = ∇MSE = (\(a)\(separator)\(b))", "keskiarvo = ∇MSE = (\(a)\(separator)\(b))")
    }

    /// A minibatch ellipse's legend: "B = 2: σ = (0.52, 0.31)".
    func batchEllipse(size: Int, sigmaA: String, sigmaB: String, separator: String) -> String {
        pick("batch of \(size): σ = (\(sigmaA)\(separator)\(sigmaB))", "erä \(size): σ = (\(sigmaA)\(separator)\(sigmaB))")
    }

    /// The batch as large as the data: no spread.
    func batchWithoutSpread(size: Int) -> String {
        pick("batch of \(size) = N: no spread", "erä \(size) = N: ei hajontaa")
    }

    /// The SGD-noise figure's caption.
    func captionGradientNoise(model: String, count: Int, epoch: Int, spreads: [String]) -> String {
        pick("The \(count) per-sample gradients of the \(model) model at epoch \(epoch) scatter widely around their mean, the full gradient; averaging B rows drawn without replacement shrinks the spread by √((N − B)/((N − 1)·B)): \(spreads.joined(separator: "; ")).",
             "Mallin (\(model)) \(count) datapistekohtaista gradienttia epookilla \(epoch) hajoavat laajalle keskiarvonsa, täyden gradientin, ympärille; B:n ilman takaisinpanoa poimitun rivin keskiarvo kutistaa hajontaa kertoimella √((N − B)/((N − 1)·B)): \(spreads.joined(separator: "; ")).")
    }
}

// MARK: - optimizer-state

extension LectureText {
    /// "What the optimizers carry between updates (linear model)".
    func optimizerStateTitle(model: String) -> String {
        pick("What momentum and Adam carry from update to update (\(modelName(model)) model)",
             "Mitä momentti ja Adam kuljettavat päivityksestä toiseen (malli: \(modelName(model)))")
    }

    /// The subtitle: the settings of both runs.
    func optimizerStateSubtitle(learningRate: String, updates: Int, epochs: Int) -> String {
        pick("η = \(learningRate), \(updates) updates (\(epochs) epoch\(epochs == 1 ? "" : "s")) each; momentum β = 0.9: v ← βv + g, θ ← θ − ηv; Adam β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸",
             "η = \(learningRate), kumpikin \(updates) päivitystä (\(epochs) \(epochs == 1 ? "epookki" : "epookkia")); momentti β = 0,9: v ← βv + g, θ ← θ − ηv; Adam β₁ = 0,9, β₂ = 0,999, ε = 10⁻⁸")
    }

    /// The panels' horizontal axis.
    var updateCount: String { pick("update t", "päivitys t") }
    /// The momentum panel.
    var momentumVelocityTitle: String { pick("momentum: velocity v", "momentti: nopeus v") }
    /// Adam's first-moment panel.
    var adamFirstTitle: String { pick("Adam: m̂ = m/(1 − β₁ᵗ)", "Adam: m̂ = m/(1 − β₁ᵗ)") }
    /// Adam's second-moment panel.
    var adamSecondTitle: String { pick("Adam: v̂ = v/(1 − β₂ᵗ)", "Adam: v̂ = v/(1 − β₂ᵗ)") }
    /// Adam's step panel.
    var adamStepTitle: String { pick("Adam: step η·m̂/(√v̂ + ε)", "Adam: askel η·m̂/(√v̂ + ε)") }

    /// The optimizer-state figure's caption.
    func captionOptimizerState(model: String, updates: Int, learningRate: String, largestStep: String) -> String {
        pick("Over \(updates) one-row updates of the \(model) model at η = \(learningRate), momentum's velocity sums the recent gradients, and Adam divides its averaged gradient m̂ by the root of its averaged square v̂, so every parameter steps about η at first whatever its gradient's size (largest Adam step \(largestStep)).",
             "Mallin (\(model)) \(updates) yhden rivin päivityksessä (η = \(learningRate)) momentin nopeus summaa viimeaikaiset gradientit, ja Adam jakaa keskiarvoistetun gradienttinsa m̂ keskiarvoistetun neliönsä v̂ juurella, joten jokainen parametri ottaa aluksi noin η:n suuruisen askeleen gradientin koosta riippumatta (suurin Adamin askel \(largestStep)).")
    }
}

// MARK: - surface

extension LectureText {
    /// "The loss as a surface over w, b (linear model)".
    func surfaceTitle(model: String, plane: String) -> String {
        pick("The loss as a surface over \(plane) with the path (\(modelName(model)) model)",
             "Häviö pintana tasossa \(plane) ja polku (malli: \(modelName(model)))")
    }

    /// The subtitle: the ranges and the camera.
    func surfaceSubtitle(aName: String, aRange: (String, String), bName: String, bRange: (String, String),
                         elevation: String, azimuth: String) -> String {
        pick("\(aName) from \(aRange.0) to \(aRange.1), \(bName) from \(bRange.0) to \(bRange.1); contours on the floor; ■ start, ◆ closed-form minimum; camera: elevation \(elevation)°, azimuth \(azimuth)°",
             "\(aName) välillä \(aRange.0) … \(aRange.1), \(bName) välillä \(bRange.0) … \(bRange.1); tasa-arvokäyrät lattialla; ■ alku, ◆ suljetun muodon minimi; kamera: korkeus \(elevation)°, atsimuutti \(azimuth)°")
    }

    /// The surface figure's caption.
    func captionSurface(model: String, low: String, high: String, epochs: Int) -> String {
        pick("The \(model) model's MSE as a surface, from \(low) at the bottom of the bowl to \(high) at the corners, with the optimizer's \(epochs) epochs lifted onto it and the same contours on the floor; the path disappears where the surface is in front of it.",
             "Mallin (\(model)) MSE pintana, kulhon pohjan arvosta \(low) kulmien arvoon \(high), optimoijan \(epochs) epookin polku pinnalle nostettuna ja samat tasa-arvokäyrät lattialla; polku katoaa, missä pinta on sen edessä.")
    }
}
